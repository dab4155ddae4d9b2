package slack_test

import (
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/scripttest"
)

// examples/stranger-in-channel.txt through Slack: member_joined_channel
// for someone the case does not admit ends in conversations.kick, and the
// lead is told; a member who joins stays.
func TestStrangerScriptThroughSlack(t *testing.T) {
	r := newSlackRun(t)
	r.replay("stranger-in-channel.txt")
	out := r.transcript()
	scripttest.InOrder(t, out, []string{
		"[#jw-c401] -- @eve was removed",
		"[DM @alex] @eve (school) joined #jw-c401 without a place on case c401, so I took them out.",
		"[#jw-c401] -- @morgan was removed",
	})
	if strings.Contains(out, "@bea was removed") {
		t.Errorf("a member was taken out:\n%s", out)
	}
	ch, _ := r.fake.ChannelID("jw-c401")
	members, _ := r.fake.Members(ch)
	if members[r.ids["eve"]] || members[r.ids["morgan"]] || !members[r.ids["bea"]] {
		t.Errorf("channel members after reconciliation: %v", members)
	}
	if testing.Verbose() {
		t.Log("\n" + out)
	}
}

// The other issue-11 scripts through Slack: per-case ids (the ambiguous id
// explained, "REF T1" in DM buttons, one answer for a stranger) and the
// privacy guard (every refusal one line, nothing echoed, nothing stored).
func TestIssue11ScriptsThroughSlack(t *testing.T) {
	for _, tc := range []struct {
		file    string
		want    []string
		notWant []string
	}{
		{"per-case-ids.txt", []string{
			"[DM @bea]   [Done] task done c201 T1",
			"[DM @bea]   [Done] task done c202 T1",
			"More than one of your cases has a task T1 (c201, c202)",
			"[DM @bea] Task T1 on case c202 is marked done.",
			"[DM @bea] Task T1 on case c201 is marked done.",
			"I can't find task T1 among your cases.",
			"The reference c201 can't be used.",
		}, []string{"Only members of case", "lead @alex)"}},
		{"privacy-guard.txt", []string{
			"seems to hold an NHS number",
			"seems to hold a name and a year",
			"The need-to-know reason seems to hold an NHS number. Nothing was saved or shown.",
			"The closing reason seems to hold an NHS number.",
		}, []string{"943", "5919", "1990", "SW1A", "Patel", "Jones", "smith"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := newSlackRun(t)
			r.replay(tc.file)
			out := r.transcript()
			scripttest.InOrder(t, out, tc.want)
			for _, bad := range tc.notWant {
				if strings.Contains(out, bad) {
					t.Errorf("transcript has %q:\n%s", bad, out)
				}
			}
		})
	}
}
