package state_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

// eventually retries f for up to 5 s, for the first calls after a restart
// (pooled connections to the old process fail once).
func eventually(t *testing.T, what string, f func() error) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestUnavailableAndRecovery(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	rdb, err := state.Connect(ctx, srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	s := state.New(rdb, state.Options{})
	openCase(t, s, "c101")
	srv.Stop()
	calls := map[string]error{
		"Case":      second(s.Case(ctx, "c101")),
		"Update":    s.Update(ctx, "c101", func(tx *state.Tx) error { tx.Case.Level = "liaison"; return nil }),
		"FirstSeen": second(s.FirstSeen(ctx, "e1", time.Minute)),
		"Ping":      s.Ping(ctx),
		"ClaimDue":  second(s.ClaimDue(ctx, time.Now(), time.Second, 10)),
		"Schedule":  s.Schedule(ctx, state.Item{ID: "E1", Due: time.Now()}),
		// Adapters' values, escalations and concerns are classified alike.
		"Value":              second(s.Value(ctx, "slack", "user", "U1")),
		"SetValues":          s.SetValues(ctx, state.KV{Key: []string{"slack", "user", "U1"}, Value: "alex"}),
		"Escalation":         second(s.Escalation(ctx, "E1")),
		"WaitingEscalations": second(s.WaitingEscalations(ctx, "alex", 10)),
		"SaveConcern":        s.SaveConcern(ctx, state.Concern{ID: "W1"}),
	}
	for name, err := range calls {
		if !errors.Is(err, state.ErrUnavailable) {
			t.Errorf("%s with redis stopped: got %v, want ErrUnavailable", name, err)
		}
	}
	srv.Restart()
	eventually(t, "ping after restart", func() error { return s.Ping(ctx) })
	c, err := s.Case(ctx, "c101")
	if err != nil || c.Level != "" || c.Version != 1 {
		t.Fatalf("after restart: %+v, %v (the failed Update must not have landed)", c, err)
	}
	err = s.Update(ctx, "c101", func(tx *state.Tx) error { tx.Case.Level = "liaison"; return nil })
	if err != nil {
		t.Fatalf("update after recovery: %v", err)
	}
}

func TestDurableAcrossCrash(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := state.New(srv.Client(), state.Options{})
	openCase(t, s, "c101")
	id := addTask(t, s, "c101", "chris", time.Now())
	if err := s.Schedule(ctx, state.Item{ID: "E1", Kind: "ping", Case: "c101", Due: time.Now()}); err != nil {
		t.Fatal(err)
	}
	srv.Kill()
	srv.Restart()
	eventually(t, "read after crash", func() error {
		_, err := s.Case(ctx, "c101")
		return err
	})
	tasks, err := s.Tasks(ctx, "c101")
	if err != nil || len(tasks) != 1 || tasks[0].ID != id {
		t.Fatalf("tasks after crash: %+v, %v", tasks, err)
	}
	tl, _ := s.Timeline(ctx, "c101")
	it, err := s.Scheduled(ctx, "E1")
	if len(tl) != 2 || err != nil || it.Kind != "ping" {
		t.Fatalf("after crash: timeline %d entries, scheduled %+v %v", len(tl), it, err)
	}
}

func TestConnect(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	rdb, err := state.Connect(ctx, srv.URL())
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	_ = rdb.Close()
	if _, err := state.Connect(ctx, "http://nope"); err == nil || errors.Is(err, state.ErrUnavailable) {
		t.Fatalf("bad scheme: %v", err)
	}
	if _, err := state.Connect(ctx, "redis://127.0.0.1:1/0"); !errors.Is(err, state.ErrUnavailable) {
		t.Fatalf("closed port: got %v, want ErrUnavailable", err)
	}
}
