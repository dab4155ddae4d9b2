package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/internal/redistest"
)

// TestFaultRedisRestartedSIGTERM: Redis is stopped with SIGTERM halfway
// through a stream of slash commands to a running replica and started
// again (AOF on). While it is down the replica answers "busy, nothing was
// changed" (those are sent again once it is ready, as a person would);
// once Redis is back the replica becomes ready by itself and every acked
// command is confirmed. A command whose reply reached Slack in the moment
// Redis went away, before the reply could be recorded as sent, is sent again
// once Redis is back (the documented window: Slack takes no idempotency
// key, and a duplicate is better than a loss); at most one per inbox worker
// can be in that moment, so at most that many are confirmed twice, and the
// count is logged.
func TestFaultRedisRestartedSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess fault test")
	}
	srv := redistest.Start(t)
	fake := newFakeSlack(t)
	a := startServe(t, srv.URL(), fake.URL, "JOINTWORK_INBOX_VISIBILITY=1s", "JOINTWORK_INBOX_WORKERS=8")
	const n = 40
	var refused []int
	for i := 0; i < n; i++ {
		if i == n/2 {
			srv.Terminate()
		}
		code, body := a.slashBody(i)
		switch {
		case code == http.StatusOK && !strings.Contains(body, "nothing was changed"):
		case i >= n/2 && (code == http.StatusOK || code == http.StatusServiceUnavailable):
			refused = append(refused, i)
		default:
			t.Fatalf("command %d: %d %q", i, code, body)
		}
	}
	if len(refused) == 0 {
		t.Fatal("no command was refused while Redis was down")
	}
	srv.Restart()
	up := time.Now()
	eventually(t, "replica ready again", func() bool {
		res, err := http.Get(a.base + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
	ready := time.Since(up)
	for _, i := range refused {
		if code, body := a.slashBody(i); code != http.StatusOK || strings.Contains(body, "nothing was changed") {
			t.Fatalf("command %d after the restart: %d %q", i, code, body)
		}
	}
	const maxDup = 8 // JOINTWORK_INBOX_WORKERS above: runs in flight when Redis went
	dup := confirmedAll(t, fake, n)
	if dup > maxDup {
		t.Fatalf("%d commands confirmed twice, want at most %d", dup, maxDup)
	}
	drained(t, srv.Client())
	t.Logf("sent %d (%d refused while Redis was down, sent again), acked %d, confirmed %d, duplicated %d, lost 0; ready %s after Redis, all confirmed %s after Redis",
		n+len(refused), len(refused), n, n, dup, ready.Round(time.Millisecond), time.Since(up).Round(time.Millisecond))
}
