package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/redistest"
)

// pingField matches the "Ping: E3" line every escalation DM carries.
var pingField = regexp.MustCompile(`(?m)^\[DM @([a-z]+)\]\s+Ping: (E\d+)$`)

// TestEscalationScript runs examples/escalation.txt, the Done-when:
// chris and then dana are pinged exactly once each, dana acknowledges, and
// nothing more comes after /clock +10d. It runs on the embedded store and
// on a real redis-server.
func TestEscalationScript(t *testing.T) {
	script, err := os.ReadFile("../../examples/escalation.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, store := range []string{"embedded", "redis"} {
		t.Run(store, func(t *testing.T) {
			t.Setenv("JOINTWORK_REDIS_URL", "")
			if store == "redis" {
				t.Setenv("JOINTWORK_REDIS_URL", redistest.Start(t).URL())
			}
			code, out, errOut := runCmd(t, string(script), "console", "--now", "2026-11-23T09:00")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkEscalationTranscript(t, out)
		})
	}
}

func checkEscalationTranscript(t *testing.T, out string) {
	t.Helper()
	before, after, ok := strings.Cut(out, "-- Clock moved +10d")
	if !ok {
		t.Fatalf("the script did not reach /clock +10d:\n%s", out)
	}
	var got []string
	for _, m := range pingField.FindAllStringSubmatch(before, -1) {
		got = append(got, m[1]+":"+m[2])
	}
	if strings.Join(got, ",") != "chris:E1,dana:E2" {
		t.Fatalf("pings = %v, want chris:E1 then dana:E2, once each\n%s", got, out)
	}
	if m := pingField.FindAllString(after, -1); len(m) > 0 {
		t.Fatalf("pings after dana acknowledged: %v\n%s", m, after)
	}
	for _, want := range []string{
		"[DM @chris] Formal request R1 is overdue",
		"[DM @dana] It comes to you as @chris's manager: @chris did not acknowledge E1 in time.",
		"[DM @dana] E2 · case c101 · request R1 overdue",
		"[DM @dana] Acknowledged E2 (case c101)",
	} {
		if !strings.Contains(before, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if !strings.Contains(after, "[DM @dana] Nothing is waiting for you.") {
		t.Errorf("dana's list is not empty after the ack:\n%s", after)
	}
}
