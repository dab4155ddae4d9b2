package state_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

func TestValuesRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		if _, err := s.Value(ctx, "slack", "user", "U1"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("absent value: %v, want ErrNotFound", err)
		}
		err := s.SetValues(ctx, state.KV{Key: []string{"slack", "user", "U1"}, Value: "alex"},
			state.KV{Key: []string{"teams", "tenant"}, Value: "t1", TTL: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string][]string{"alex": {"slack", "user", "U1"}, "t1": {"teams", "tenant"}} {
			if got, err := s.Value(ctx, want...); err != nil || got != key {
				t.Errorf("Value(%v) = %q, %v; want %q", want, got, err, key)
			}
		}
		if err := s.SetValues(ctx, state.KV{Value: "x"}); !errors.Is(err, state.ErrInvalid) {
			t.Errorf("empty key: %v, want ErrInvalid", err)
		}
		if _, err := s.Escalation(ctx, "E9"); !errors.Is(err, state.ErrNoEscalation) {
			t.Errorf("absent escalation: %v, want ErrNoEscalation", err)
		}
		if err := s.SaveConcern(ctx, state.Concern{}); !errors.Is(err, state.ErrInvalid) {
			t.Errorf("concern without id: %v, want ErrInvalid", err)
		}
	})
}
