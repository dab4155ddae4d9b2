package handlers_test

import "testing"

func TestDelay(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.play(t, []step{
		{name: "await with urgent needs", as: "alex", where: "c101", text: "/jointwork delay 2026-12-07 await urgent needs: met by daily carer visits", written: true,
			want: []string{"@alex will await the other practitioner until Mon 7 Dec 2026", "Urgent needs: met by daily carer visits", "Delay: await until Mon 7 Dec 2026", "delay.decision"},
			check: func(t *testing.T, e *env) {
				d := e.caseOf("c101").Delays
				if len(d) != 1 || d[0].Decision != "await" || d[0].UrgentNeeds != "met by daily carer visits" || d[0].By != "alex" {
					t.Errorf("delays = %+v", d)
				}
			}},
		{name: "proceed without urgent needs", as: "bea", where: "c101", text: "/jointwork delay +5d proceed", written: true,
			want: []string{"proceed with their own intervention", "Urgent needs: NOT RECORDED", "make sure any urgent care and support needs are met"}},
		{name: "no urgent needs", as: "bea", where: "c101", text: "/jointwork delay +5d proceed urgent needs: none", written: true, want: []string{"Urgent needs: none"}},
		{name: "bad decision", as: "alex", where: "c101", text: "/jointwork delay +5d maybe", want: []string{"proceed", "await"}},
		{name: "past date", as: "alex", where: "c101", text: "/jointwork delay 2026-01-01 await", want: []string{"before today"}},
		{name: "missing", as: "alex", where: "c101", text: "/jointwork delay +5d", want: []string{"needs more"}},
		{name: "too long", as: "alex", where: "c101", text: "/jointwork delay +5d await " + long, want: []string{"limit is 300"}},
		{name: "outsider", as: "chris", where: "c101", text: "/jointwork delay +5d await", want: []string{"Only members"}},
	})
}
