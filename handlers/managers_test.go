package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// Managers: the ping's Open case button opens the case; escalations shows
// what went above a person; a third snooze needs a reason and tells the
// manager.
func TestManagersWeek(t *testing.T) {
	e := escEnv(t)
	e.in("c101", "alex", "/jointwork request @chris +2d Joint visit")
	out := e.due(3 * escDay) // Thu 09:00: chris pinged
	if !strings.Contains(out, "[DM @chris]   [Open case] /jointwork case show c101") {
		t.Fatalf("Open case does not open the case:\n%s", out)
	}
	if got := e.dm("chris", "/jointwork case show c101"); !strings.Contains(got, "c101 · open · you: member") || !strings.Contains(got, "Open the channel: #jw-c101") {
		t.Errorf("member's case show:\n%s", got)
	}
	e.due(4 * time.Hour) // dana pinged
	if got := e.dm("dana", "/jointwork case show c101"); !strings.Contains(got, "you are not a member") || strings.Contains(got, "Joint visit") {
		t.Errorf("manager's case show (content-free):\n%s", got)
	}
	if got := e.dm("eve", "/jointwork case show c101"); !strings.Contains(got, `I can't find a case "c101" among yours.`) || strings.Contains(got, "@alex") {
		t.Errorf("outsider's case show:\n%s", got)
	}
	if got := e.dm("chris", "/jointwork escalations"); !strings.Contains(got, "Gone above you") || !strings.Contains(got, "E1 · case c101 · request R1 overdue") {
		t.Errorf("escalations lacks what went above chris:\n%s", got)
	}
	// Once the case's basis no longer admits chris (a stale record here, so
	// the chain is still open), what went above him on it is not listed.
	if err := e.app.Store.Update(e.ctx, "c101", func(tx *state.Tx) error { tx.Case.Consent.Withdrawn = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := e.dm("chris", "/jointwork escalations"); strings.Contains(got, "case c101") {
		t.Errorf("escalations shows a case that no longer admits chris:\n%s", got)
	}
}

// Snoozing the same ping a third time needs a reason, and the manager of
// the person snoozing is told.
func TestThirdSnooze(t *testing.T) {
	e := escEnv(t)
	e.in("c101", "alex", "/jointwork request @chris +2d Joint visit")
	e.due(3 * escDay) // Thu 09:00: chris pinged
	e.dm("chris", "/jointwork snooze E1")
	e.due(escDay) // Fri 09:00: reminder 1
	e.dm("chris", "/jointwork snooze E1")
	e.due(3 * escDay) // Mon 09:00: reminder 2
	if got := e.dm("chris", "/jointwork snooze E1"); !strings.Contains(got, "third time E1 is snoozed: please say why") {
		t.Fatalf("third snooze without a reason:\n%s", got)
	}
	e.dm("chris", "/jointwork snooze E1 waiting for the trust's rota")
	out := e.due(0)
	if !strings.Contains(out, "[DM @dana] @chris snoozed E1 a third time") || !strings.Contains(out, "waiting for the trust's rota") {
		t.Fatalf("chris's manager not told:\n%s", out)
	}
}

// A manager with the daily digest on gets one DM at the start of the next
// working day instead of each ping; the next level counts from the digest.
func TestDailyDigest(t *testing.T) {
	e := escEnv(t)
	if got := e.dm("dana", "/jointwork escalations digest on"); !strings.Contains(got, "Daily digest on") {
		t.Fatalf("digest on:\n%s", got)
	}
	e.in("c101", "alex", "/jointwork request @chris +2d Joint visit")
	e.in("c101", "alex", "/jointwork request @chris +2d Second visit")
	e.due(3 * escDay)           // Thu 09:00: chris pinged twice
	out := e.due(4 * time.Hour) // 13:00: dana's two pings are kept for the digest
	if got := pinged(out); len(got) != 0 || strings.Contains(out, "[DM @dana]") {
		t.Fatalf("dana pinged at once: %v\n%s", got, out)
	}
	out = e.due(20 * time.Hour) // Fri 09:00
	if !strings.Contains(out, "[DM @dana] Daily digest: 2 waiting for you") || strings.Count(out, "[DM @dana] Daily digest") != 1 {
		t.Fatalf("no single digest:\n%s", out)
	}
	if got := e.dm("dana", "/jointwork escalations digest off"); !strings.Contains(got, "Daily digest off") {
		t.Fatalf("digest off:\n%s", got)
	}
	if got := e.dm("dana", "/jointwork escalations digest maybe"); !strings.Contains(got, "not \"maybe\"") {
		t.Fatalf("bad word:\n%s", got)
	}
}
