package state_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/faultproxy"
	"github.com/jointwork/jointwork/internal/redistest"
)

// proxied returns a store whose Redis traffic goes through a fault proxy,
// and a direct client to check what was really stored.
func proxied(t *testing.T) (*state.Store, *faultproxy.Proxy, *redis.Client) {
	srv := redistest.Start(t)
	px := faultproxy.Start(t, srv.Addr)
	rdb, err := state.Connect(context.Background(), "redis://"+px.Addr+"/0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rdb.Close() })
	return state.New(rdb, state.Options{Now: newClock().Now}), px, srv.Client()
}

func putTask(ctx context.Context, s *state.Store, id string) error {
	return s.Update(ctx, "c101", func(tx *state.Tx) error {
		tx.PutTask(&state.Task{ID: id, Owner: "sam", Text: "visit"})
		tx.Log(state.Entry{Actor: "alex", Action: "task.add", Item: id})
		return nil
	})
}

func TestCommitOutcomeKnownWhenReplyLost(t *testing.T) {
	s, px, direct := proxied(t)
	ctx := context.Background()
	openCase(t, s, "c101")

	px.Arm(faultproxy.DropReply)
	err := putTask(ctx, s, "T1")
	if px.Fired() != 1 {
		t.Fatalf("fault not applied")
	}
	if err != nil {
		t.Fatalf("Update whose EXEC committed but whose reply was lost = %v; want nil (it is saved)", err)
	}
	if n, _ := direct.HLen(ctx, "jw:{case:c101}:tasks").Result(); n != 1 {
		t.Fatalf("tasks stored = %d, want 1", n)
	}

	px.Arm(faultproxy.DropExec)
	err = putTask(ctx, s, "T2")
	if px.Fired() != 2 {
		t.Fatalf("fault not applied")
	}
	if !errors.Is(err, state.ErrUnavailable) {
		t.Fatalf("Update whose EXEC never arrived = %v; want ErrUnavailable (nothing changed)", err)
	}
	if n, _ := direct.HLen(ctx, "jw:{case:c101}:tasks").Result(); n != 1 {
		t.Fatalf("tasks stored = %d, want still 1", n)
	}
	c, err := s.Case(ctx, "c101")
	if err != nil || c.Version != 2 {
		t.Fatalf("case = %+v, %v; want version 2", c, err)
	}
}

func TestCommitOutcomeUnknownWhileRedisUnreachable(t *testing.T) {
	s, px, direct := proxied(t)
	ctx := context.Background()
	openCase(t, s, "c101")
	px.Arm(faultproxy.DropReplyAndRefuse)
	run := state.WithEvent(ctx, "event:slack:Ev9", time.Hour)
	err := putTask(run, s, "T1")
	if !errors.Is(err, state.ErrUnknownOutcome) || errors.Is(err, state.ErrUnavailable) {
		t.Fatalf("Update with its reply lost and Redis unreachable = %v; want ErrUnknownOutcome, not \"nothing changed\"", err)
	}
	px.Allow()
	// It did commit: a retry of the same event is recognised as done.
	if done, err := s.EventDone(ctx, "event:slack:Ev9"); !done || err != nil {
		t.Fatalf("EventDone = %v, %v; want the committed marker", done, err)
	}
	if n, _ := direct.HLen(ctx, "jw:{case:c101}:tasks").Result(); n != 1 {
		t.Fatalf("tasks stored = %d, want 1", n)
	}
}

func TestCreateCaseOutcomeKnownWhenReplyLost(t *testing.T) {
	s, px, direct := proxied(t)
	ctx := context.Background()
	px.Arm(faultproxy.DropReply)
	c := &state.Case{Ref: "c102", Lead: "alex", Channel: "C2"}
	err := s.CreateCase(ctx, c, state.Entry{Action: "case.open"})
	if px.Fired() != 1 {
		t.Fatal("fault not applied")
	}
	if err != nil {
		t.Fatalf("CreateCase whose reply was lost = %v; want nil (it is saved)", err)
	}
	if c.Version != 1 {
		t.Fatalf("case version %d, want 1", c.Version)
	}
	if n, _ := direct.Exists(ctx, "jw:{case:c102}:case").Result(); n != 1 {
		t.Fatal("case not stored")
	}
}
