package main

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/internal/faultproxy"
	"github.com/jointwork/jointwork/internal/redistest"
)

// confirmedOnce waits until commands 0..n-1 are each confirmed, then checks
// that none was confirmed twice.
func confirmedOnce(t *testing.T, fake *fakeSlack, n int) {
	t.Helper()
	if dup := confirmedAll(t, fake, n); dup > 0 {
		t.Fatalf("%d commands confirmed twice, want none", dup)
	}
}

// confirmedAll waits until commands 0..n-1 are each confirmed and counts
// those confirmed more than once (a third time fails).
func confirmedAll(t *testing.T, fake *fakeSlack, n int) int {
	t.Helper()
	eventually(t, "every acked command confirmed", func() bool {
		for i := 0; i < n; i++ {
			if fake.count("C"+strconv.Itoa(i)) == 0 {
				return false
			}
		}
		return true
	})
	dup := 0
	for i := 0; i < n; i++ {
		switch got := fake.count("C" + strconv.Itoa(i)); {
		case got == 2:
			dup++
		case got > 2:
			t.Fatalf("command %d confirmed %d times", i, got)
		}
	}
	return dup
}

// stopped waits until replica a (whose Wait closes exited) exits at its
// fault point with code 3, or, when it has none, kills it with SIGKILL.
func stopped(t *testing.T, a *serveChild, exited <-chan struct{}, fault bool) {
	t.Helper()
	if !fault {
		_ = a.cmd.Process.Kill()
		<-exited
		return
	}
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		t.Fatal("the replica did not exit at its fault point")
	}
	if code := a.cmd.ProcessState.ExitCode(); code != 3 {
		t.Fatalf("replica exited with %d, want 3 (the fault point)", code)
	}
}

// TestFaultRedisKilledAfterAck: commands acked (appended with AOF fsync
// always) survive a SIGKILL of Redis; once Redis is back, a replica
// confirms each exactly once.
func TestFaultRedisKilledAfterAck(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess fault test")
	}
	srv := redistest.Start(t)
	fake := newFakeSlack(t)
	a := startServe(t, srv.URL(), fake.URL, "JOINTWORK_INBOX_WORKERS=0")
	const n = 20
	for i := 0; i < n; i++ {
		if code := a.slash(i); code != http.StatusOK {
			t.Fatalf("command %d: ack %d", i, code)
		}
	}
	srv.Kill()
	if code, body := a.slashBody(n); code == http.StatusOK && !strings.Contains(body, "nothing was changed") {
		t.Fatalf("acked while Redis was down: %d %q; want the busy answer", code, body)
	}
	srv.Restart()
	startServe(t, srv.URL(), fake.URL)
	confirmedOnce(t, fake, n)
	drained(t, srv.Client())
	t.Logf("sent %d, acked %d, confirmed %d, duplicated 0, lost 0 (Redis SIGKILL in between)", n+1, n, n)
}

// TestFaultDroppedExecReply: the reply to one script call of the bot (an
// EVALSHA: the inbox workers' begin, end, replies-sent and ack steps, each
// applied by Redis, in one pipeline with those of other events) is lost on
// the way back (a proxy drops it and closes the connection); every command
// is still confirmed exactly once. (A dropped EXEC reply of a transaction
// is bot/state's TestCommitOutcomeKnownWhenReplyLost.)
func TestFaultDroppedExecReply(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess fault test")
	}
	srv := redistest.Start(t)
	px := faultproxy.Start(t, srv.Addr)
	fake := newFakeSlack(t)
	a := startServe(t, "redis://"+px.Addr+"/0", fake.URL, "JOINTWORK_INBOX_VISIBILITY=300ms")
	const n = 10
	for i := 0; i < n; i++ {
		if i == n/2 {
			px.ArmOn(faultproxy.DropReply, "evalsha")
		}
		if code := a.slash(i); code != http.StatusOK {
			t.Fatalf("command %d: ack %d", i, code)
		}
	}
	confirmedOnce(t, fake, n)
	drained(t, srv.Client())
	if px.Fired() != 1 {
		t.Fatalf("faults applied: %d, want 1", px.Fired())
	}
}

// TestFault429Storm: Slack answers every reply with 429 (Retry-After 1)
// more often than the adapter retries (5 tries); the outbox keeps each
// reply and sends it when Slack takes it: every command confirmed exactly
// once, none dropped.
func TestFault429Storm(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess fault test")
	}
	srv := redistest.Start(t)
	fake := newFakeSlack(t)
	fake.storm = 6
	a := startServe(t, srv.URL(), fake.URL, "JOINTWORK_OUTBOX_FIRST_RETRY=200ms", "JOINTWORK_SCHEDULER_INTERVAL=100ms")
	const n = 8
	for i := 0; i < n; i++ {
		if code := a.slash(i); code != http.StatusOK {
			t.Fatalf("command %d: ack %d", i, code)
		}
	}
	confirmedOnce(t, fake, n)
	fake.mu.Lock()
	limited := fake.limited
	fake.mu.Unlock()
	if limited != n*fake.storm {
		t.Fatalf("429 answers %d, want %d", limited, n*fake.storm)
	}
	t.Logf("sent %d, acked %d, 429s %d, confirmed %d, duplicated 0, lost 0", n, n, limited, n)
}
