package e2e_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/teams/teamstest"
)

// examples/stranger-in-channel.txt through Teams: a conversationUpdate
// adding someone the case does not admit ends in a Graph member removal,
// and the lead is told; a member who is added stays.
func TestStrangerScriptThroughTeams(t *testing.T) {
	e := newEnv(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	e.replay("../../../examples/stranger-in-channel.txt")
	ch := e.channel("jw-c401")
	m := e.graph.Members(ch)
	if slices.Contains(m, "mem-aad-eve") || slices.Contains(m, "mem-aad-morgan") || !slices.Contains(m, "mem-aad-bea") {
		t.Errorf("channel members after reconciliation: %v", m)
	}
	lead := e.dm("alex")
	if !strings.Contains(lead, "@eve (school) joined #jw-c401 without a place on case c401, so I took them out.") {
		t.Errorf("the lead was not told:\n%s", lead)
	}
}

// The other issue-11 scripts through Teams: per-case ids and the privacy
// guard give the console's answers, and nothing posted anywhere carries
// the personal data typed.
func TestIssue11ScriptsThroughTeams(t *testing.T) {
	e := newEnv(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	e.replay("../../../examples/per-case-ids.txt")
	for _, c := range []struct{ who, want string }{
		{"bea", "More than one of your cases has a task T1 (c201, c202)"},
		{"bea", "Task T1 on case c202 is marked done."},
		{"bea", "Task T1 on case c201 is marked done."},
		{"eve", "I can't find task T1 among your cases."},
		{"eve", "The reference c201 can't be used."},
	} {
		if !strings.Contains(e.dm(c.who), c.want) {
			t.Errorf("DM of @%s lacks %q:\n%s", c.who, c.want, e.dm(c.who))
		}
	}
	if strings.Contains(e.dm("eve"), "@alex") {
		t.Errorf("a stranger was told who leads a case:\n%s", e.dm("eve"))
	}
	e.replay("../../../examples/privacy-guard.txt")
	for _, want := range []string{"seems to hold an NHS number", "The closing reason seems to hold an NHS number."} {
		if !strings.Contains(e.dm("alex"), want) {
			t.Errorf("DM of @alex lacks %q", want)
		}
	}
	for _, p := range e.conn.Posts() {
		text := teamstest.ActivityText(p.Body)
		for _, bad := range []string{"943", "5919", "1990", "SW1A", "Patel", "Jones"} {
			if strings.Contains(text, bad) {
				t.Errorf("posted %q: %s", bad, text)
			}
		}
	}
}
