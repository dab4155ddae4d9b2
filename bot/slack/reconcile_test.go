package slack_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/scripttest"
)

// examples/stranger-in-channel.txt through Slack: member_joined_channel
// for someone the case does not admit ends in conversations.kick, and the
// lead is told; a member who joins stays.
func TestStrangerScriptThroughSlack(t *testing.T) {
	r := newSlackRun(t)
	f, err := os.Open(filepath.Join("..", "..", "examples", "stranger-in-channel.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		r.line(sc.Text())
	}
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
