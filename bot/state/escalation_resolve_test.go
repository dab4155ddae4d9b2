package state_test

import (
	"bufio"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

// TestResolveScriptDeclaresEveryKey watches Redis (MONITOR) while a case's
// pings are resolved and closed: every key a script touches must be one it
// was given in KEYS (Redis Cluster's rule for scripts).
func TestResolveScriptDeclaresEveryKey(t *testing.T) {
	srv := redistest.Start(t)
	s := state.New(srv.Client(), state.Options{})
	ctx := context.Background()
	openCase(t, s, "c101")
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := s.Update(ctx, "c101", func(tx *state.Tx) error {
		for i, p := range []struct{ id, chain, to string }{{"E1", "task:T1:due", "sam"}, {"E2", "task:T1:due", "jo"}, {"E3", "req:R1:due", "alex"}} {
			tx.PutEscalation(&state.Escalation{ID: p.id, Chain: p.chain, Case: "c101", To: p.to, Level: i, Status: state.EscalationOpen, At: at})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	mon := monitor(t, srv)
	if err := s.Update(ctx, "c101", func(tx *state.Tx) error {
		tx.ResolveEscalations(state.EscalationResolved, []string{"task:T1:due"})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, "c101", func(tx *state.Tx) error { tx.CloseEscalations(); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"E1", "E2", "E3"} {
		e, err := s.Escalation(ctx, id)
		if err != nil || e.Waiting() {
			t.Fatalf("%s after close: %+v, %v", id, e, err)
		}
	}
	declared, touched := map[string]bool{}, []string{}
	for _, l := range mon() {
		f := quotedFields(l)
		switch {
		case len(f) > 2 && strings.EqualFold(f[0], "eval") && strings.Contains(l, "closedAt"):
			for _, k := range keysOf(f) {
				declared[k] = true
			}
		case strings.Contains(l, " lua] ") && len(f) > 1:
			touched = append(touched, f[1])
		}
	}
	if len(declared) == 0 || len(touched) == 0 {
		t.Fatalf("saw no resolve script (declared %v, touched %v)", declared, touched)
	}
	for _, k := range touched {
		if !declared[k] {
			t.Errorf("script touched %s, not in its KEYS %v", k, declared)
		}
	}
}

// monitor runs redis-cli MONITOR on srv until the returned function is
// called; that returns the lines it logged.
func monitor(t *testing.T, srv *redistest.Server) func() []string {
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		t.Skip("redis-cli not installed")
	}
	host, port, _ := strings.Cut(srv.Addr, ":")
	cmd := exec.Command(cli, "-h", host, "-p", port, "monitor")
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 10000)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	if l := <-lines; l != "OK" {
		t.Fatalf("monitor said %q", l)
	}
	return func() []string {
		// A marker command ends the log: everything before it was logged.
		_ = srv.Client().Echo(context.Background(), "end-of-test").Err()
		var got []string
		for l := range lines {
			if strings.Contains(l, "end-of-test") {
				break
			}
			got = append(got, l)
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return got
	}
}

// quotedFields returns the quoted words of a MONITOR line.
func quotedFields(l string) []string {
	var out []string
	for _, part := range strings.Split(l, "\" \"") {
		out = append(out, strings.Trim(part[strings.Index(part, "\"")+1:], "\""))
	}
	return out
}

// keysOf returns the KEYS of an EVAL's MONITOR fields.
func keysOf(f []string) []string {
	n := 0
	for _, c := range f[2] {
		n = n*10 + int(c-'0')
	}
	return f[3 : 3+n]
}
