package state_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

func TestEventDoneMarkedWithTheChange(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		const ev = "event:slack:Ev1"
		run1 := state.WithEvent(ctx, ev, time.Hour)
		boom := errors.New("handler failed")
		if err := s.Update(run1, "c101", func(*state.Tx) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("failing Update = %v", err)
		}
		if done, err := s.EventDone(ctx, ev); done || err != nil {
			t.Fatalf("EventDone after a failed run = %v, %v; want false so a retry runs", done, err)
		}
		addTask := func(ctx context.Context, id string) error {
			return s.Update(ctx, "c101", func(tx *state.Tx) error {
				tx.PutTask(&state.Task{ID: id, Owner: "alex", Text: "x"})
				return nil
			})
		}
		if err := addTask(run1, "T1"); err != nil {
			t.Fatal(err)
		}
		if done, err := s.EventDone(ctx, ev); !done || err != nil {
			t.Fatalf("EventDone after the change = %v, %v", done, err)
		}
		if err := addTask(run1, "T2"); err != nil {
			t.Fatalf("second transaction of the same run: %v", err)
		}
		run2 := state.WithEvent(ctx, ev, time.Hour)
		if err := addTask(run2, "T3"); !errors.Is(err, state.ErrDone) {
			t.Fatalf("another run of a done event = %v, want ErrDone", err)
		}
		c := &state.Case{Ref: "c102", Lead: "alex"}
		if err := s.CreateCase(run2, c, state.Entry{Action: "case.open"}); !errors.Is(err, state.ErrDone) {
			t.Fatalf("CreateCase in another run = %v, want ErrDone", err)
		}
		if _, err := s.Case(ctx, "c102"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("case of a refused run written: %v", err)
		}
		if tasks, _ := s.Tasks(ctx, "c101"); len(tasks) != 2 {
			t.Fatalf("tasks = %d, want 2 (T3 refused)", len(tasks))
		}
	})
}

func TestEventDoneOnceAcrossConcurrentRuns(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				run := state.WithEvent(ctx, "event:slack:Ev7", time.Hour)
				errs[i] = s.Update(run, "c101", func(tx *state.Tx) error {
					tx.Log(state.Entry{Actor: "alex", Action: "note"})
					return nil
				})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, state.ErrDone):
				t.Fatalf("Update: %v", err)
			}
		}
		c, _ := s.Case(ctx, "c101")
		if ok != 1 || c.Version != 2 {
			t.Fatalf("%d runs committed, version %d; want exactly one (version 2)", ok, c.Version)
		}
	})
}

func TestBeginEndEvent(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		begin := func(key string) (context.Context, bool) {
			t.Helper()
			c, ok, err := s.BeginEvent(ctx, key, time.Hour)
			if err != nil {
				t.Fatalf("BeginEvent: %v", err)
			}
			return c, ok
		}
		run1, ok := begin("event:slack:Ev1")
		if !ok {
			t.Fatal("first BeginEvent refused")
		}
		if _, ok := begin("event:slack:Ev1"); ok {
			t.Fatal("a second run began while the first holds the event")
		}
		end(t, s, run1, false)
		run2, ok := begin("event:slack:Ev1")
		if !ok {
			t.Fatal("a retry after a failed run did not begin")
		}
		end(t, s, run2, true)
		if _, ok := begin("event:slack:Ev1"); ok {
			t.Fatal("a done event began again")
		}
		// Done by its transaction, even if the run never ended (a crash).
		openCase(t, s, "c101")
		run3, _ := begin("event:slack:Ev2")
		if err := s.Update(run3, "c101", func(tx *state.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if done, _ := s.EventDone(ctx, "event:slack:Ev2"); !done {
			t.Fatal("Update did not mark its event done")
		}
	})
}

// end ends a run as the kernel does: EndEvent, then RepliesSent.
func end(t *testing.T, s *state.Store, run context.Context, ok bool) {
	t.Helper()
	if err := s.EndEvent(run, ok, []byte("r")); err != nil {
		t.Fatal(err)
	}
	if err := s.RepliesSent(run); err != nil {
		t.Fatal(err)
	}
}

func TestInboxTouchOnlyByHolder(t *testing.T) {
	srv := redistest.Start(t)
	s := state.New(srv.Client(), state.Options{})
	ctx := context.Background()
	if err := s.InboxSetup(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := s.InboxAppend(ctx, "test", []byte("x"), "m")
	if err != nil {
		t.Fatal(err)
	}
	es, err := s.InboxRead(ctx, "a", 1, 0)
	if err != nil || len(es) != 1 || es[0].ID != id || string(es[0].Body) != "x" || es[0].Meta != "m" {
		t.Fatalf("InboxRead = %+v, %v", es, err)
	}
	if ok, err := s.InboxTouch(ctx, "a", id); !ok || err != nil {
		t.Fatalf("holder's touch = %v, %v", ok, err)
	}
	if ok, err := s.InboxTouch(ctx, "b", id); ok || err != nil {
		t.Fatalf("another consumer's touch = %v, %v; want false", ok, err)
	}
	if err := s.InboxAck(ctx, id); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.InboxTouch(ctx, "a", id); ok {
		t.Fatal("touch of an acknowledged entry succeeded")
	}
}
