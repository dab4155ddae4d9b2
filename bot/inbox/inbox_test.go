package inbox_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
	"github.com/jointwork/jointwork/internal/waittest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// start runs q until the test ends.
func start(t *testing.T, q *inbox.Inbox) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = q.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// recorder counts handled entries by body.
type recorder struct {
	mu   sync.Mutex
	seen map[string][]int64 // body → deliveries of each run
}

func (r *recorder) runs(body string) []int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int64(nil), r.seen[body]...)
}

func (r *recorder) handler(fail func(body string, run int) error) inbox.Handler {
	return func(_ context.Context, e state.InboxEntry) error {
		r.mu.Lock()
		r.seen[string(e.Body)] = append(r.seen[string(e.Body)], e.Deliveries)
		n := len(r.seen[string(e.Body)])
		r.mu.Unlock()
		return fail(string(e.Body), n)
	}
}

func newStore(t *testing.T) *state.Store { return newStoreB(t) }

func newStoreB(tb testing.TB) *state.Store {
	return state.New(redistest.Start(tb).Client(), state.Options{})
}

func TestFailedEntryRetriedAndAckedAfterSuccess(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	rec := &recorder{seen: map[string][]int64{}}
	q := inbox.New(st, inbox.Options{Block: 20 * time.Millisecond, Workers: 2, Visibility: 100 * time.Millisecond, Log: quiet})
	q.Handle("test", rec.handler(func(_ string, run int) error {
		if run == 1 {
			return errors.New("store down")
		}
		return nil
	}))
	if _, err := q.Append(ctx, "test", []byte("a"), ""); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	waittest.For(t, "second run", func() bool { return len(rec.runs("a")) == 2 })
	waittest.For(t, "acknowledged", func() bool { n, err := st.InboxPending(ctx); return err == nil && n == 0 })
	if got := rec.runs("a"); got[0] != 1 || got[1] != 2 {
		t.Fatalf("deliveries %v, want [1 2]", got)
	}
}

func TestDeadWorkersEntryTakenOver(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if err := st.InboxSetup(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.InboxAppend(ctx, "test", []byte("orphan"), ""); err != nil {
		t.Fatal(err)
	}
	// A worker takes the entry and dies without acknowledging it.
	if es, err := st.InboxRead(ctx, "dead-replica/0", 1, 0); err != nil || len(es) != 1 {
		t.Fatalf("InboxRead = %v, %v", es, err)
	}
	rec := &recorder{seen: map[string][]int64{}}
	q := inbox.New(st, inbox.Options{Block: 20 * time.Millisecond, Workers: 1, Visibility: 50 * time.Millisecond, Log: quiet})
	q.Handle("test", rec.handler(func(string, int) error { return nil }))
	start(t, q)
	waittest.For(t, "taken over", func() bool { return len(rec.runs("orphan")) == 1 })
	waittest.For(t, "acknowledged", func() bool { n, err := st.InboxPending(ctx); return err == nil && n == 0 })
	if got := rec.runs("orphan"); got[0] != 2 {
		t.Fatalf("deliveries %v, want [2]", got)
	}
}

func TestTwoReplicasHandleEachEntryOnce(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	rec := &recorder{seen: map[string][]int64{}}
	const n = 300
	for i := 0; i < 2; i++ {
		q := inbox.New(st, inbox.Options{Block: 20 * time.Millisecond, Consumer: fmt.Sprintf("replica%d", i), Workers: 4, Log: quiet})
		q.Handle("test", rec.handler(func(string, int) error { return nil }))
		start(t, q)
	}
	for i := 0; i < n; i++ {
		if err := st.InboxSetup(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := st.InboxAppend(ctx, "test", []byte(fmt.Sprint(i)), ""); err != nil {
			t.Fatal(err)
		}
	}
	waittest.For(t, "all handled", func() bool {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		return len(rec.seen) == n
	})
	waittest.For(t, "all acknowledged", func() bool { p, err := st.InboxPending(ctx); return err == nil && p == 0 })
	for i := 0; i < n; i++ {
		if r := rec.runs(fmt.Sprint(i)); len(r) != 1 {
			t.Fatalf("entry %d ran %d times", i, len(r))
		}
	}
}

func TestPoisonAndUnknownEntriesDeadLettered(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	rec := &recorder{seen: map[string][]int64{}}
	q := inbox.New(st, inbox.Options{Block: 20 * time.Millisecond, Workers: 1, Visibility: 20 * time.Millisecond, MaxDeliveries: 3, Log: quiet})
	q.Handle("test", rec.handler(func(string, int) error { return errors.New("always") }))
	for _, src := range []string{"test", "nobody"} {
		if _, err := q.Append(ctx, src, []byte(src), ""); err != nil {
			t.Fatal(err)
		}
	}
	start(t, q)
	waittest.For(t, "both dead-lettered", func() bool {
		_, n, err := st.InboxLen(ctx)
		return err == nil && n == 2
	})
	if got := rec.runs("test"); len(got) != 3 {
		t.Fatalf("poison entry ran %d times, want MaxDeliveries = 3", len(got))
	}
	if p, _ := st.InboxPending(ctx); p != 0 {
		t.Fatalf("%d entries still pending", p)
	}
}
