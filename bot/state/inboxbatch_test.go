package state_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/jointwork/jointwork/bot/state"
)

// TestInboxAppendConcurrent appends from many goroutines at once (so the
// batcher groups them and hands the sending on): every caller gets its own
// entry id and every body is in the inbox exactly once.
func TestInboxAppendConcurrent(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		for _, n := range []int{1, 7, 600} {
			if err := s.InboxSetup(ctx); err != nil {
				t.Fatal(err)
			}
			ids := make([]string, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ids[i], errs[i] = s.InboxAppend(ctx, "test", []byte(fmt.Sprint(i)), "")
				}()
			}
			wg.Wait()
			seen := map[string]bool{}
			for i := range n {
				if errs[i] != nil || ids[i] == "" || seen[ids[i]] {
					t.Fatalf("append %d of %d: id %q err %v (duplicate %v)", i, n, ids[i], errs[i], seen[ids[i]])
				}
				seen[ids[i]] = true
			}
			es, err := s.InboxRead(ctx, "c", n+1, 0)
			if err != nil {
				t.Fatal(err)
			}
			bodies := map[string]bool{}
			for _, e := range es {
				bodies[string(e.Body)] = true
				if err := s.InboxAck(ctx, e.ID); err != nil {
					t.Fatal(err)
				}
			}
			if len(es) != n || len(bodies) != n {
				t.Fatalf("%d appends: %d entries read, %d distinct bodies", n, len(es), len(bodies))
			}
		}
	})
}
