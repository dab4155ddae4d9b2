package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/scripttest"
)

// weekStart is Monday 21 December 2026, 09:00: the week crosses Christmas
// Day (Friday), the weekend and the substitute Boxing Day (Monday 28).
const weekStart = "2026-12-21T09:00"

// WeekOutcomes are what examples/week.txt must show (issue 15's Done when),
// in order: dates as phrases, the case list, task and request changes,
// pings only in working hours and one per level, the digest, the lead told,
// the third snooze, Open case, plain words in the record, members told.
var weekOutcomes = []string{
	"[#jw-c201] Task T1 for @chris, due Thu 24 Dec 2026: Wound care plan agreed with the person",
	"[#jw-c201] Task T2 for @chris, due Fri 1 Jan 2027: Call the GP",
	"[#jw-c201] Task T3 for @bea, due Wed 23 Dec 2026: Bathroom assessment",
	"[#jw-c201] Formal request R2 from @alex to @chris (nhs-community-trust), due Sun 3 Jan 2027: Second joint visit",
	"[only @alex] `/jointwork task` is not a command. The `task` commands are:",
	"[only @alex] `/jointwork case list` is not a command. The `case` commands are:",
	"[only @chris] c201 · open · you: member · Person consented · #jw-c201",
	"[only @chris] No question is waiting for an answer.",
	"Task T2 on case c201 is now @bea's (was @chris; changed by @chris): Call the GP",
	"[DM @dana] Daily digest on:",
	"[DM @chris] Request R2 from @alex (case c201) was withdrawn: nothing more is needed from you.",
	"Task T3 on case c201 is now @chris's (was @bea; changed by @alex)",
	"Task T3 on case c201 is now due Fri 1 Jan 2027 (was Wed 23 Dec 2026; changed by @alex)",
	"Task T2 on case c201 was cancelled by @alex (reason: the ward called the GP)",
	"[DM @bea] You are no longer on case c201, and nothing more from it will reach you.",
	"-- Clock moved +2d: now Wed 23 Dec 2026 09:00.",
	"[DM @chris] Formal request R1 is overdue",
	"[DM @chris]   [Open case] /jointwork case show c201",
	"-- Clock moved +4h: now Wed 23 Dec 2026 13:00.",
	"-- Clock moved +20h: now Thu 24 Dec 2026 09:00.",
	"[DM @dana] Daily digest: 1 waiting for you",
	"[DM @dana] Acknowledged E2",
	"-- Clock moved +5d: now Tue 29 Dec 2026 09:00.",
	"[DM @chris] Task T1 is overdue",
	"[DM @alex] Task T1 on case c201, owned by @chris, was due on Thu 24 Dec 2026 and is still open. You are told as the case lead",
	"[DM @chris] Snoozed E3 (case c201) until Wed 30 Dec 2026 09:00",
	"[DM @chris] Reminder: Task T1 is overdue",
	"[only @chris] This would be the third time E3 is snoozed: please say why",
	"[DM @dana] @chris snoozed E3 a third time",
	"[DM @chris] Gone above you (not acknowledged in time, now with your manager):",
	"Task T1 done (marked by @chris).",
	"[only @chris] c201 · open · you: member",
	"| escalation sent to @chris | E1 |",
	"| kept for the daily digest | E2 |",
	"[DM @chris] Case c201 was closed by @alex.",
}

// checkWeek checks the week's transcript, and that nothing was pinged in
// the quiet hours: every ping follows a clock step to a working hour.
func checkWeek(t *testing.T, out string) {
	t.Helper()
	scripttest.InOrder(t, out, weekOutcomes)
	scripttest.Once(t, out, "[DM @chris] Formal request R1 is overdue", "[DM @dana] Daily digest: 1 waiting for you",
		"[DM @chris] Task T1 is overdue")
	for _, bad := range []string{"Sat 26 Dec", "Sun 27 Dec", "Mon 28 Dec", "Fri 25 Dec 2026 0"} {
		if strings.Contains(out, "now "+bad) || strings.Contains(out, "pinged "+bad) {
			t.Errorf("something happened on a closed day (%s)", bad)
		}
	}
}

// TestScriptWeek runs examples/week.txt on the embedded store and on a real
// redis-server: the same transcript, with the week's outcomes.
func TestScriptWeek(t *testing.T) {
	embedded, real := runOnBothStores(t, filepath.Join("..", "..", "examples", "week.txt"), weekStart)
	checkWeek(t, embedded)
	checkWeek(t, real)
}
