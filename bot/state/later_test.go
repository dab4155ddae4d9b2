package state_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// TestLastAnswerWrittenWithTheEventsEnd: within an event's run the last
// answer is written in the run's end step, with the done marker and the
// reply journal (so it is there before the replies go out, never before
// the event is done); outside a run it is written at once.
func TestLastAnswerWrittenWithTheEventsEnd(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		want := state.LastAnswer{Rule: "consent.required", Band: "answer"}
		run, first, err := s.BeginEvent(ctx, "event:slack:EvLast", time.Hour)
		if err != nil || !first {
			t.Fatalf("begin: %v %v", first, err)
		}
		if err := s.SaveLastAnswer(run, "bea", want, time.Hour); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LastAnswerOf(ctx, "bea"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("last answer before the run ended: %v, want ErrNotFound", err)
		}
		if err := s.EndEvent(run, true, []byte("replies")); err != nil {
			t.Fatal(err)
		}
		got, err := s.LastAnswerOf(ctx, "bea")
		if err != nil || got.Rule != want.Rule || got.Band != want.Band {
			t.Fatalf("last answer after the end: %+v, %v; want %+v", got, err, want)
		}
		if done, err := s.EventDone(ctx, "event:slack:EvLast"); !done || err != nil {
			t.Fatalf("event done = %v, %v", done, err)
		}
		other := state.LastAnswer{Rule: "law.formal-request.decline", Band: "unsure"}
		if err := s.SaveLastAnswer(ctx, "alex", other, time.Hour); err != nil {
			t.Fatal(err)
		}
		if got, err := s.LastAnswerOf(ctx, "alex"); err != nil || got.Rule != other.Rule {
			t.Fatalf("last answer outside a run: %+v, %v; want %+v", got, err, other)
		}
	})
}
