package slack_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/calendar"
	"github.com/jointwork/jointwork/internal/scripttest"
)

// weekLine runs one line of examples/week.txt: /clock moves the bot's clock
// and runs what fell due; a plain line is a DM message; the rest as line.
func (r *slackRun) weekLine(line string) {
	r.t.Helper()
	line = strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(line, "/clock "):
		step, err := calendar.ParseClockStep(strings.TrimPrefix(line, "/clock "))
		if err != nil {
			r.t.Fatal(err)
		}
		r.app.Clock.Advance(step)
		r.app.RunDue(context.Background())
	case line != "" && !strings.HasPrefix(line, "/") && !strings.HasPrefix(line, "#"):
		r.seq++
		r.event(fmt.Sprintf("EvWeek%d", r.seq), map[string]any{"type": "message", "channel_type": "im", "user": r.user,
			"channel": "D" + r.user, "ts": fmt.Sprintf("%d.000001", 200+r.seq), "text": line})
	default:
		r.line(line)
		r.app.RunDue(context.Background()) // what a command made due now, as the console does
	}
}

// weekSlackOutcomes are examples/week.txt's outcomes as Slack shows them.
var weekSlackOutcomes = []string{
	"Task T1 for @chris, due Thu 24 Dec 2026: Wound care plan agreed with the person",
	"Task T2 for @chris, due Fri 1 Jan 2027: Call the GP",
	"is not a command. The `task` commands are:",
	"c201 · open · you: member · Person consented · #jw-c201",
	"No question is waiting for an answer.",
	"Task T2 on case c201 is now @bea's (was @chris; changed by @chris)",
	"[DM @chris] Request R2 from @alex (case c201) was withdrawn",
	"[DM @bea] You are no longer on case c201, and nothing more from it will reach you.",
	"[DM @chris] :bell: Formal request R1 is overdue",
	"[DM @dana] :bell: Daily digest: 1 waiting for you",
	"[DM @chris] :bell: Task T1 is overdue",
	"You are told as the case lead",
	"This would be the third time E3 is snoozed: please say why",
	"[DM @dana] :bell: @chris snoozed E3 a third time",
	"Gone above you",
	"| escalation sent to @chris | E1 |",
	"[DM @chris] Case c201 was closed by @alex.",
}

// The week script, replayed through Slack with the clock moved between
// lines, has the same outcomes; the App Home lists the person's cases.
func TestWeekScriptThroughSlack(t *testing.T) {
	r := newSlackRunAt(t, 2026, time.December, 21)
	f, err := os.Open(filepath.Join("..", "..", "examples", "week.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "/jointwork case close support plan agreed" {
			r.event("EvHomeWeek", map[string]any{"type": "app_home_opened", "user": "U3", "channel": "DU3", "tab": "home"})
		}
		r.weekLine(sc.Text())
	}
	out := r.transcript()
	scripttest.InOrder(t, out, weekSlackOutcomes)
	scripttest.Once(t, out, "[DM @dana] :bell: Daily digest: 1 waiting for you", "[DM @chris] :bell: Task T1 is overdue")
	var view string
	for _, c := range r.fake.Calls() {
		if c.Method == "views.publish" && c.Args["user_id"] == "U3" {
			view = c.Args["view"]
		}
	}
	if !strings.Contains(view, "My cases") || !strings.Contains(view, "c201 · open · you: member") {
		t.Errorf("App Home lacks the case list: %s", view)
	}
	if testing.Verbose() {
		t.Log("\n" + out)
	}
}
