package state_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jointwork/jointwork/bot/state"
)

func TestCreateCase(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		c := openCase(t, s, "c101")
		if c.Version != 1 || c.Status != state.StatusOpen || !c.CreatedAt.Equal(clk.Now()) {
			t.Fatalf("defaults not applied: %+v", c)
		}
		err := s.CreateCase(ctx, &state.Case{Ref: "c101", Lead: "bea"}, state.Entry{Action: "case.open"})
		if !errors.Is(err, state.ErrExists) {
			t.Fatalf("second create: got %v, want ErrExists", err)
		}
		got, err := s.Case(ctx, "c101")
		if err != nil || got.Lead != "alex" || got.ChannelName != "jw-c101" {
			t.Fatalf("Case = %+v, %v", got, err)
		}
		byCh, err := s.CaseByChannel(ctx, "C-c101")
		if err != nil || byCh.Ref != "c101" {
			t.Fatalf("CaseByChannel = %+v, %v", byCh, err)
		}
		tl, err := s.Timeline(ctx, "c101")
		if err != nil || len(tl) != 1 || tl[0].Action != "case.open" || !tl[0].At.Equal(clk.Now()) {
			t.Fatalf("Timeline = %+v, %v", tl, err)
		}
	})
}

func TestNotFoundAndInvalid(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		checks := []struct {
			name string
			err  error
			want error
		}{
			{"case", second(s.Case(ctx, "c999")), state.ErrNotFound},
			{"channel", second(s.CaseByChannel(ctx, "C-none")), state.ErrNotFound},
			{"item", second(s.ItemCase(ctx, "T404")), state.ErrNotFound},
			{"dialog", second(s.Dialog(ctx, "nobody")), state.ErrNotFound},
			{"scheduled", second(s.Scheduled(ctx, "E1")), state.ErrNotFound},
			{"update", s.Update(ctx, "c999", func(*state.Tx) error { return nil }), state.ErrNotFound},
			{"bad ref", second(s.Case(ctx, "c{1}")), state.ErrInvalid},
			{"bad ref spaces", s.CreateCase(ctx, &state.Case{Ref: "a b"}, state.Entry{}), state.ErrInvalid},
			{"bad kind", second(s.NewID(ctx, "")), state.ErrInvalid},
			{"schedule no id", s.Schedule(ctx, state.Item{Kind: "x"}), state.ErrInvalid},
		}
		for _, c := range checks {
			if !errors.Is(c.err, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, c.err, c.want)
			}
		}
	})
}

func second[T any](_ T, err error) error { return err }

func TestCasesOfFollowsPeople(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		openCase(t, s, "c102")
		err := s.Update(ctx, "c101", func(tx *state.Tx) error {
			tx.Case.Members = map[string]state.Member{"chris": {Handle: "chris", Agency: "nhs"}}
			tx.Case.Delegates = []string{"bea"}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{"alex": {"c101", "c102"}, "chris": {"c101"}, "bea": {"c101"}, "dana": nil}
		for h, refs := range want {
			assertCases(t, s, h, refs)
		}
		err = s.Update(ctx, "c101", func(tx *state.Tx) error {
			delete(tx.Case.Members, "chris")
			tx.Case.Lead = "bea"
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		assertCases(t, s, "chris", nil)
		assertCases(t, s, "alex", []string{"c102"})
		assertCases(t, s, "bea", []string{"c101"})
	})
}

func assertCases(t *testing.T, s *state.Store, h string, want []string) {
	t.Helper()
	cs, err := s.CasesOf(context.Background(), h)
	if err != nil {
		t.Fatalf("CasesOf %s: %v", h, err)
	}
	var got []string
	for _, c := range cs {
		got = append(got, c.Ref)
	}
	if len(got) != len(want) {
		t.Fatalf("CasesOf %s = %v, want %v", h, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("CasesOf %s = %v, want %v", h, got, want)
		}
	}
}

func TestNewID(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		for _, want := range []string{"T1", "T2"} {
			if id, err := s.NewID(ctx, "T"); err != nil || id != want {
				t.Fatalf("NewID(T) = %q, %v; want %s", id, err, want)
			}
		}
		if id, err := s.NewID(ctx, "R"); err != nil || id != "R1" {
			t.Fatalf("NewID(R) = %q, %v", id, err)
		}
	})
}

func TestSetChannelMovesIndex(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		err := s.Update(ctx, "c101", func(tx *state.Tx) error { tx.SetChannel("C-new", "jw-c101-2"); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CaseByChannel(ctx, "C-c101"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("old channel still indexed: %v", err)
		}
		c, err := s.CaseByChannel(ctx, "C-new")
		if err != nil || c.ChannelName != "jw-c101-2" || c.Version != 2 {
			t.Fatalf("CaseByChannel(new) = %+v, %v", c, err)
		}
	})
}
