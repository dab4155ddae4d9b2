package handlers_test

import "testing"

// TestDatePhrases checks every command that takes a date reads the whole phrase at the
// start of its words (the clock is Mon 23 Nov 2026) and refuses with the calendar's line.
func TestDatePhrases(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.play(t, []step{
		{name: "next fri", as: "alex", where: "c101", text: "/jointwork task add @bea next fri Call the GP", written: true,
			want: []string{"Task T1 for @bea, due Fri 4 Dec 2026: Call the GP"}},
		{name: "in 3 working days", as: "alex", where: "c101", text: "/jointwork task add @bea in 3 working days Ring the OT", written: true,
			want: []string{"Task T2 for @bea, due Thu 26 Nov 2026: Ring the OT"}},
		{name: "3d is working days", as: "alex", where: "c101", text: "/jointwork task add @bea 3d Ring", written: true,
			want: []string{"due Thu 26 Nov 2026: Ring"}},
		{name: "day month", as: "alex", where: "c101", text: "/jointwork task add @bea 3 Dec Write up", written: true,
			want: []string{"due Thu 3 Dec 2026: Write up"}},
		{name: "uk order", as: "alex", where: "c101", text: "/jointwork task add @bea 03/12 Write up", written: true,
			want: []string{"due Thu 3 Dec 2026: Write up"}},
		{name: "end of next week", as: "alex", where: "c101", text: "/jointwork request @chris end of next week Discharge summary please", written: true,
			want: []string{"due Fri 4 Dec 2026"}},
		{name: "delay multi-word", as: "alex", where: "c101", text: "/jointwork delay next fri await agreed: yes; urgent needs: met by daily carer visits", written: true,
			want: []string{"until Fri 4 Dec 2026"}},
		{name: "unreadable", as: "alex", where: "c101", text: "/jointwork task add @bea nxt fri Visit",
			want: []string{"[only @alex] I can't read \"nxt fri\" as a date; try next fri, 3 Dec or 03/12."}, notWant: []string{"can't use"}},
		{name: "past", as: "alex", where: "c101", text: "/jointwork delay 2026-01-05 await",
			want: []string{"Mon 5 Jan 2026 is before today"}},
	})
}
