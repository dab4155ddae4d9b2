package state_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

func TestVoteCounts(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := state.New(srv.Client(), state.Options{})
	votes := []struct{ rule, band, vote string }{
		{"consent.required", "answer", state.VoteUp}, {"consent.required", "answer", state.VoteUp},
		{"consent.required", "answer", state.VoteDown}, {"consent.required", "unsure", state.VoteDown},
		{"delay.decision", "answer", state.VoteUp},
	}
	for _, v := range votes {
		if err := s.CountVote(ctx, v.rule, v.band, v.vote); err != nil {
			t.Fatal(err)
		}
	}
	bad := []struct{ rule, band, vote string }{{"", "answer", "up"}, {"a|b", "answer", "up"}, {"x", "answer", "sideways"}, {"x y", "answer", "up"}}
	for _, v := range bad {
		if err := s.CountVote(ctx, v.rule, v.band, v.vote); !errors.Is(err, state.ErrInvalid) {
			t.Errorf("CountVote(%q, %q, %q) = %v, want ErrInvalid", v.rule, v.band, v.vote, err)
		}
	}
	got, err := s.VoteCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []state.VoteCount{{"consent.required", "answer", 2, 1}, {"consent.required", "unsure", 0, 1}, {"delay.decision", "answer", 1, 0}}
	if len(got) != len(want) {
		t.Fatalf("counts = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("count %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestFeedbackTextAndLastAnswerExpire(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	rdb := srv.Client()
	s := state.New(rdb, state.Options{Prefix: "jw"})
	if err := s.SaveFeedbackText(ctx, "F1", state.FeedbackText{Rule: "r", Band: "answer", Vote: "up", Question: "q"}, 0); !errors.Is(err, state.ErrInvalid) {
		t.Errorf("text kept with no TTL: %v", err)
	}
	if err := s.SaveFeedbackText(ctx, "F1", state.FeedbackText{Rule: "r", Band: "answer", Vote: "up", Question: "q"}, time.Hour); err != nil {
		t.Fatal(err)
	}
	if ttl := rdb.TTL(ctx, "jw:feedback:text:F1").Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("feedback text TTL = %s, want (0, 1h]", ttl)
	}
	if err := s.SaveLastAnswer(ctx, "bea", state.LastAnswer{Rule: "r", Band: "unsure"}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if a, err := s.LastAnswerOf(ctx, "bea"); err != nil || a.Rule != "r" || a.Band != "unsure" {
		t.Errorf("last answer = %+v, %v", a, err)
	}
	if ttl := rdb.TTL(ctx, "jw:ask:last:bea").Val(); ttl <= 0 || ttl > time.Minute {
		t.Errorf("last answer TTL = %s", ttl)
	}
	if _, err := s.LastAnswerOf(ctx, "cat"); !errors.Is(err, state.ErrNotFound) {
		t.Errorf("no last answer: %v", err)
	}
	srv.Stop()
	for name, err := range map[string]error{
		"CountVote":  s.CountVote(ctx, "r", "answer", "up"),
		"VoteCounts": second(s.VoteCounts(ctx)),
	} {
		if !errors.Is(err, state.ErrUnavailable) {
			t.Errorf("%s with redis stopped: %v, want ErrUnavailable", name, err)
		}
	}
}

// TestVoteOfARedeliveredEventCountedOnce: the count is written with the
// event's done marker, so a second run of the same event (a retry after a
// crash before the event was released) counts nothing.
func TestVoteOfARedeliveredEventCountedOnce(t *testing.T) {
	srv := redistest.Start(t)
	s := state.New(srv.Client(), state.Options{})
	key := "event:console:vote-1"
	for run := 0; run < 2; run++ {
		ctx, _, err := s.BeginEvent(state.WithTakeover(context.Background()), key, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		err = s.CountVote(ctx, "consent.required", "answer", state.VoteUp)
		if run == 0 && err != nil {
			t.Fatalf("first run: %v", err)
		}
		if run == 1 && !errors.Is(err, state.ErrDone) {
			t.Fatalf("second run: %v, want ErrDone", err)
		}
	}
	got, err := s.VoteCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Up != 1 {
		t.Fatalf("counts = %+v, want one 👍", got)
	}
}
