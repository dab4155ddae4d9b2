package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/calendar"
)

// replayWeek posts examples/week.txt as Teams activities, with pings
// going out through Teams (as serve registers it).
func (e *env) replayWeek(path string) {
	e.app.AddPlatform(e.a)
	e.replayScript(path, true)
}

// step runs a console "/clock STEP" line of any step (+4h, +2d): the clock
// moves on at once.
func (e *env) step(arg string) {
	e.t.Helper()
	step, err := calendar.ParseClockStep(arg)
	if err != nil {
		e.t.Fatal(err)
	}
	e.app.Clock.Advance(step)
}

// The week script through Teams: the same outcomes reach the same people.
func TestWeekScriptThroughTeams(t *testing.T) {
	e := newEnv(t, time.Date(2026, 12, 21, 9, 0, 0, 0, time.UTC))
	e.replayWeek("../../../examples/week.txt")
	ch := e.channel("jw-c201")
	channel := strings.Join(e.conn.TextsIn(ch), "\n")
	for _, c := range []struct{ what, in, want string }{
		{"date phrase", channel, "Task T2 for @chris, due Fri 1 Jan 2027: Call the GP"},
		{"case list", e.dm("chris"), "c201 · open · you: member · Person consented"},
		{"stray yes", e.dm("chris"), "No question is waiting for an answer"},
		{"request withdrawn", e.dm("chris"), "Request R2 from @alex (case c201) was withdrawn"},
		{"removed member told", e.dm("bea"), "You are no longer on case c201, and nothing more from it will reach you."},
		{"ping in working hours", e.dm("chris"), "Formal request R1 is overdue"},
		{"digest", e.dm("dana"), "Daily digest: 1 waiting for you"},
		{"lead told", e.dm("alex"), "You are told as the case lead"},
		{"third snooze", e.dm("dana"), "@chris snoozed E3 a third time"},
		{"members told of the close", e.dm("chris"), "Case c201 was closed by @alex."},
	} {
		if !strings.Contains(c.in, c.want) {
			t.Errorf("%s: lacks %q", c.what, c.want)
		}
	}
	if n := strings.Count(e.dm("dana"), "Daily digest: 1 waiting for you"); n != 1 {
		t.Errorf("dana got %d digests, want 1", n)
	}
}
