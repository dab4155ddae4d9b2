package state_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/redis/go-redis/v9"
)

func claimIDs(cs []state.Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func TestScheduleClaimComplete(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		now := clk.Now()
		for i, id := range []string{"E1", "E2", "E3"} {
			it := state.Item{ID: id, Kind: "ping", Case: "c101", Due: now.Add(time.Duration(i-1) * time.Minute), Data: map[string]string{"to": "dana"}}
			if err := s.Schedule(ctx, it); err != nil {
				t.Fatal(err)
			}
		}
		it, err := s.Scheduled(ctx, "E3")
		if err != nil || it.Data["to"] != "dana" || !it.Due.Equal(now.Add(time.Minute)) {
			t.Fatalf("Scheduled = %+v, %v", it, err)
		}
		cs, err := s.ClaimDue(ctx, now, time.Minute, 1)
		if err != nil || len(cs) != 1 || cs[0].ID != "E1" || cs[0].Token == "" {
			t.Fatalf("ClaimDue max 1 = %+v, %v", cs, err)
		}
		more, _ := s.ClaimDue(ctx, now, time.Minute, 10)
		if got := claimIDs(more); len(got) != 1 || got[0] != "E2" {
			t.Fatalf("second claim = %v, want [E2] (E1 leased, E3 not due)", got)
		}
		if again, _ := s.ClaimDue(ctx, now.Add(30*time.Second), time.Minute, 10); len(again) != 0 {
			t.Fatalf("leased items claimed again: %v", claimIDs(again))
		}
		ok, err := s.Complete(ctx, cs[0])
		if err != nil || !ok {
			t.Fatalf("Complete = %v, %v", ok, err)
		}
		if ok, _ := s.Complete(ctx, cs[0]); ok {
			t.Fatal("second Complete succeeded")
		}
		if _, err := s.Scheduled(ctx, "E1"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("completed item still scheduled: %v", err)
		}
		// E2's lease expires: it is re-queued and claimed with a new token.
		late := now.Add(2 * time.Minute)
		re, _ := s.ClaimDue(ctx, late, time.Minute, 10)
		if got := claimIDs(re); len(got) != 2 || !slices.Contains(got, "E2") || !slices.Contains(got, "E3") {
			t.Fatalf("after lease expiry = %v, want E2 and E3", got)
		}
		if ok, _ := s.Complete(ctx, more[0]); ok {
			t.Fatal("stale claim completed after its lease was re-claimed")
		}
		for _, c := range re {
			if ok, err := s.Complete(ctx, c); !ok || err != nil {
				t.Fatalf("Complete %s = %v, %v", c.ID, ok, err)
			}
		}
		if left, _ := s.ClaimDue(ctx, late.Add(time.Hour), time.Minute, 10); len(left) != 0 {
			t.Fatalf("items left: %v", claimIDs(left))
		}
	})
}

func TestRetryDeadLetterAndReschedule(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		now := clk.Now()
		_ = s.Schedule(ctx, state.Item{ID: "E1", Kind: "ping", Due: now})
		cs, _ := s.ClaimDue(ctx, now, time.Minute, 10)
		if len(cs) != 1 {
			t.Fatalf("claims = %v", claimIDs(cs))
		}
		if err := s.Retry(ctx, cs[0], now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.Retry(ctx, cs[0], now); !errors.Is(err, state.ErrLeaseLost) {
			t.Fatalf("second Retry: %v, want ErrLeaseLost", err)
		}
		it, _ := s.Scheduled(ctx, "E1")
		if it.Attempt != 1 || !it.Due.Equal(now.Add(time.Hour)) {
			t.Fatalf("after Retry: %+v", it)
		}
		if cs, _ := s.ClaimDue(ctx, now.Add(59*time.Minute), time.Minute, 10); len(cs) != 0 {
			t.Fatal("retried item claimed before its new due time")
		}
		cs, _ = s.ClaimDue(ctx, now.Add(time.Hour), time.Minute, 10)
		if len(cs) != 1 || cs[0].Attempt != 1 {
			t.Fatalf("claims = %+v", cs)
		}
		if ok, err := s.DeadLetter(ctx, cs[0], "handler failed 5 times"); !ok || err != nil {
			t.Fatalf("DeadLetter = %v, %v", ok, err)
		}
		dead, err := s.Dead(ctx, 10)
		if err != nil || len(dead) != 1 || dead[0].Item.ID != "E1" || dead[0].Error == "" {
			t.Fatalf("Dead = %+v, %v", dead, err)
		}
		if _, err := s.Scheduled(ctx, "E1"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("dead item still scheduled: %v", err)
		}
		// Rescheduling a claimed item drops the claim; the new item stays.
		_ = s.Schedule(ctx, state.Item{ID: "E2", Kind: "ping", Due: now})
		cs, _ = s.ClaimDue(ctx, now.Add(2*time.Hour), time.Minute, 10)
		_ = s.Schedule(ctx, state.Item{ID: "E2", Kind: "ping.next", Due: now.Add(3 * time.Hour)})
		if ok, _ := s.Complete(ctx, cs[0]); ok {
			t.Fatal("claim survived a reschedule")
		}
		if it, err := s.Scheduled(ctx, "E2"); err != nil || it.Kind != "ping.next" {
			t.Fatalf("rescheduled item = %+v, %v", it, err)
		}
		if err := s.Unschedule(ctx, "E2"); err != nil {
			t.Fatal(err)
		}
		if left, _ := s.ClaimDue(ctx, now.Add(24*time.Hour), time.Minute, 10); len(left) != 0 {
			t.Fatalf("unscheduled item claimed: %v", claimIDs(left))
		}
	})
}

func TestCompleteWithIsFenced(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		now := clk.Now()
		_ = s.Schedule(ctx, state.Item{ID: "E1", Kind: "ping", Due: now})
		zombie, _ := s.ClaimDue(ctx, now, time.Minute, 1)
		fresh, _ := s.ClaimDue(ctx, now.Add(2*time.Minute), time.Minute, 1)
		if len(zombie) != 1 || len(fresh) != 1 || zombie[0].Token == fresh[0].Token {
			t.Fatalf("claims %+v %+v", zombie, fresh)
		}
		record := func(ctx context.Context, p redis.Pipeliner) { p.HIncrBy(ctx, s.Key("sent"), "E1", 1) }
		// A claim that never came from ClaimDue holds nothing, even on an
		// item nobody has claimed.
		_ = s.Schedule(ctx, state.Item{ID: "E2", Kind: "ping", Due: now.Add(time.Hour)})
		forged := state.Claim{Item: state.Item{ID: "E2"}}
		if ok, err := s.CompleteWith(ctx, forged, record); ok || err != nil {
			t.Fatalf("claim without token: CompleteWith = %v, %v", ok, err)
		}
		if ok, err := s.Complete(ctx, forged); ok || err != nil {
			t.Fatalf("claim without token: Complete = %v, %v", ok, err)
		}
		if ok, err := s.CompleteWith(ctx, zombie[0], record); ok || err != nil {
			t.Fatalf("zombie CompleteWith = %v, %v", ok, err)
		}
		if ok, err := s.CompleteWith(ctx, fresh[0], record); !ok || err != nil {
			t.Fatalf("CompleteWith = %v, %v", ok, err)
		}
		if _, err := s.Scheduled(ctx, "E2"); err != nil {
			t.Fatalf("forged claim removed E2: %v", err)
		}
		if n, _ := state.ClientOf(s).HGet(ctx, s.Key("sent"), "E1").Int(); n != 1 {
			t.Fatalf("recorded %d times, want 1", n)
		}
	})
}

func TestUpdateWithSchedule(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		now := clk.Now()
		err := s.Update(ctx, "c101", func(tx *state.Tx) error {
			tx.PutRequest(&state.Request{ID: "R1", From: "alex", To: "chris", Text: "joint visit", Due: now})
			tx.Schedule(state.Item{ID: "R1.due", Kind: "request.due", Case: "c101", Due: now})
			tx.Schedule(state.Item{ID: "R1.gone", Kind: "x", Due: now})
			tx.Unschedule("R1.gone")
			tx.IndexItem("E7")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if ref, err := s.ItemCase(ctx, "E7"); err != nil || ref != "c101" {
			t.Fatalf("IndexItem: %q %v", ref, err)
		}
		cs, _ := s.ClaimDue(ctx, now, time.Minute, 10)
		if got := claimIDs(cs); len(got) != 1 || got[0] != "R1.due" {
			t.Fatalf("claims = %v", got)
		}
		// The handler records the ping and completes the claim in one Update.
		ping := func(c state.Claim) error {
			return s.Update(ctx, "c101", func(tx *state.Tx) error {
				tx.Log(state.Entry{Action: "escalation.sent", Item: "R1"})
				return tx.Complete(c)
			})
		}
		stale := cs[0]
		cs, _ = s.ClaimDue(ctx, now.Add(2*time.Minute), time.Minute, 10)
		_ = s.Schedule(ctx, state.Item{ID: "R1.later", Kind: "request.due", Case: "c101", Due: now.Add(time.Hour)})
		if err := ping(state.Claim{Item: state.Item{ID: "R1.later"}}); !errors.Is(err, state.ErrLeaseLost) {
			t.Fatalf("claim without token: %v, want ErrLeaseLost", err)
		}
		if err := ping(stale); !errors.Is(err, state.ErrLeaseLost) {
			t.Fatalf("stale claim: %v, want ErrLeaseLost", err)
		}
		if err := ping(cs[0]); err != nil {
			t.Fatal(err)
		}
		tl, _ := s.Timeline(ctx, "c101")
		if n := len(tl); n != 2 || tl[1].Action != "escalation.sent" {
			t.Fatalf("timeline %d entries: %+v", n, tl)
		}
		if _, err := s.Scheduled(ctx, "R1.due"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("completed item still scheduled: %v", err)
		}
	})
}
