package escalation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/apptest"
)

// newOfficeWorld is a world whose pings go out only in the default working
// hours (09:00-17:30 Monday to Friday, not on bank holidays).
func newOfficeWorld(t *testing.T) *world {
	t.Helper()
	cfg := testConfig()
	cfg.Escalation.WorkingHours = "09:00-17:30 mon-fri"
	b := apptest.New(t, apptest.Options{Start: monday, Config: cfg})
	return &world{t: t, ctx: t.Context(), a: b.App, out: b.Out, srv: b.Redis}
}

// A request overdue on Friday night is not pinged at the weekend: the ping
// goes at 09:00 on Monday, and the manager's 4h count from then.
func TestPingsWaitForWorkingHours(t *testing.T) {
	w := newOfficeWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "alex", "chris", "fri") // due Fri 27 Nov, overdue at midnight
	w.advance(5*day + time.Hour)                        // Sat 28 Nov 10:00
	w.wantPings()
	w.advance(day + 22*time.Hour) // Mon 30 Nov 08:00
	w.wantPings()
	w.advance(time.Hour) // 09:00
	w.wantPings("chris")
	w.advance(3*time.Hour + 59*time.Minute)
	w.wantPings("chris")
	w.advance(time.Minute) // 13:00: 4 working hours after the send
	w.wantPings("chris", "dana")
	tl, err := w.a.Store.Timeline(w.ctx, "c101")
	if err != nil {
		t.Fatal(err)
	}
	if !timelineHas(tl, "reminder to @chris at Mon 30 Nov 2026 09:00") {
		t.Errorf("the scheduled entry does not say when the reminder really goes: %+v", tl)
	}
}

// One long jump of the clock sends one ping per level, not the whole chain.
func TestLongJumpSendsOnePingPerLevel(t *testing.T) {
	w := newOfficeWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "alex", "chris", "+1d")
	w.advance(14 * day)
	w.wantPings("chris")
	w.advance(4 * time.Hour)
	w.wantPings("chris", "dana")
}

// Snoozing counts the snooze in working time: one working day from Friday
// afternoon is Monday afternoon.
func TestSnoozeCountsWorkingDays(t *testing.T) {
	w := newOfficeWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "alex", "chris", "thu") // overdue Fri 27 00:00, pinged Fri 09:00
	w.advance(4*day + 6*time.Hour)                      // Fri 27 Nov 15:00
	id := w.lastPing("chris")
	out, err := w.a.Handlers.Policy.Snooze(w.ctx, id, w.person("chris"))
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 30, 15, 0, 0, 0, london())
	if !out.Record.Until.Equal(want) {
		t.Fatalf("snoozed until %v, want %v", out.Record.Until, want)
	}
}

func timelineHas(tl []state.Entry, s string) bool {
	for _, e := range tl {
		if strings.Contains(e.Detail, s) {
			return true
		}
	}
	return false
}

func TestNewPolicyRefusesBadWorkingHours(t *testing.T) {
	w := newWorld(t)
	p := w.a.Handlers.Policy
	cfg := p.Config
	cfg.WorkingHours = "nine to five"
	_, err := escalation.NewPolicy(p.Store, p.Directory, p.Calendar, cfg, nil)
	if err == nil || !strings.Contains(err.Error(), "JOINTWORK_WORKING_HOURS") {
		t.Fatalf("NewPolicy = %v", err)
	}
}
