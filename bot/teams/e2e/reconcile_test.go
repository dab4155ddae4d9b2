package e2e_test

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// examples/stranger-in-channel.txt through Teams: a conversationUpdate
// adding someone the case does not admit ends in a Graph member removal,
// and the lead is told; a member who is added stays.
func TestStrangerScriptThroughTeams(t *testing.T) {
	e := newEnv(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	e.replay("../../../examples/stranger-in-channel.txt")
	ch := e.graph.Channel("jw-c401")
	if ch == "" {
		t.Fatal("no channel jw-c401")
	}
	m := e.graph.Members(ch)
	if slices.Contains(m, "mem-aad-eve") || slices.Contains(m, "mem-aad-morgan") || !slices.Contains(m, "mem-aad-bea") {
		t.Errorf("channel members after reconciliation: %v", m)
	}
	lead := strings.Join(e.conn.Texts("a:dm-aad-alex"), "\n")
	if !strings.Contains(lead, "@eve (school) joined #jw-c401 without a place on case c401, so I took them out.") {
		t.Errorf("the lead was not told:\n%s", lead)
	}
}
