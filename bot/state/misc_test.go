package state_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

func TestDialogs(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		d := &state.Dialog{Kind: "consent", Case: "c101", Step: "capacity", Data: map[string]string{"direct": "yes"}}
		if err := s.SaveDialog(ctx, "slack:U1", d, time.Minute); err != nil {
			t.Fatal(err)
		}
		got, err := s.Dialog(ctx, "slack:U1")
		if err != nil || got.Step != "capacity" || got.Data["direct"] != "yes" {
			t.Fatalf("Dialog = %+v, %v", got, err)
		}
		if err := s.EndDialog(ctx, "slack:U1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Dialog(ctx, "slack:U1"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("after EndDialog: %v", err)
		}
		if err := s.SaveDialog(ctx, "short", d, 150*time.Millisecond); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(3 * time.Second)
		for {
			_, err := s.Dialog(ctx, "short")
			if errors.Is(err, state.ErrNotFound) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("dialog did not expire: %v", err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

func TestFirstSeenOnceUnderConcurrency(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		var firsts atomic.Int64
		var wg sync.WaitGroup
		for range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := s.FirstSeen(ctx, "event:slack:Ev1", time.Hour)
				if err != nil {
					t.Error(err)
				}
				if ok {
					firsts.Add(1)
				}
			}()
		}
		wg.Wait()
		if n := firsts.Load(); n != 1 {
			t.Fatalf("FirstSeen true %d times, want 1", n)
		}
		if ok, _ := s.FirstSeen(ctx, "event:slack:Ev2", time.Hour); !ok {
			t.Fatal("another key is not first")
		}
	})
}

func TestKeyAndPing(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		if err := s.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
		if k := s.Key("slack", "team", "T1"); k[len(k)-14:] != ":slack:team:T1" {
			t.Fatalf("Key = %q", k)
		}
	})
	s := state.New(nil, state.Options{})
	if k := s.Key("a", "b"); k != "jw:a:b" {
		t.Fatalf("default prefix Key = %q", k)
	}
}
