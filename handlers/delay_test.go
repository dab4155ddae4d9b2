package handlers_test

import (
	"strings"
	"testing"
)

func TestDelay(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.play(t, []step{
		{name: "await, agreed, urgent needs", as: "alex", where: "c101", text: "/jointwork delay 2026-12-07 await agreed: yes; urgent needs: daily carer visits cover meals", written: true,
			want: []string{"@alex will await the other practitioner until Mon 7 Dec 2026", "Agreed with the person and any carer: yes",
				"Urgent needs: daily carer visits cover meals", "Delay: await until Mon 7 Dec 2026", "delay.decision"},
			check: func(t *testing.T, e *env) {
				d := e.caseOf("c101").Delays
				if len(d) != 1 || d[0].Decision != "await" || d[0].UrgentNeeds != "daily carer visits cover meals" || d[0].Agreed != "yes" || d[0].By != "alex" {
					t.Errorf("delays = %+v", d)
				}
			}},
		{name: "free text is never relabelled as met", as: "alex", where: "c101", text: "/jointwork delay +5d proceed agreed: yes; urgent needs: she has no food in the house", written: true,
			want: []string{"Urgent needs: she has no food in the house"}, notWant: []string{"met: she has no food"}},
		{name: "not agreed, with why", as: "alex", where: "c101", text: "/jointwork delay +5d proceed agreed: no he wants to wait for the nurse; urgent needs: none", written: true,
			want: []string{"Agreed with the person and any carer: no: he wants to wait for the nurse", "Urgent needs: none"}},
		{name: "not possible, with why", as: "alex", where: "c101", text: "/jointwork delay +6d proceed agreed not possible, in hospital and too unwell to discuss; urgent: none", written: true,
			want: []string{"not possible: in hospital and too unwell to discuss"}},
		{name: "no agreement given", as: "alex", where: "c101", text: "/jointwork delay +5d await urgent needs: none",
			want: []string{"Say whether the decision was agreed with the person and any carer, so nothing was recorded"}},
		{name: "no without why", as: "alex", where: "c101", text: "/jointwork delay +5d await agreed: no; urgent needs: none",
			want: []string{"Say why it was not agreed", "nothing was recorded"}},
		{name: "not possible without why", as: "alex", where: "c101", text: "/jointwork delay +5d await agreed: not-possible; urgent needs: none",
			want: []string{"Say why it was not possible to agree it"}},
		{name: "urgent needs missing", as: "alex", where: "c101", text: "/jointwork delay +5d proceed agreed: yes",
			want: []string{"Say how any urgent care and support needs are met meanwhile, or that there are none"}},
		{name: "a member who requested nothing", as: "bea", where: "c101", text: "/jointwork delay +5d proceed agreed: yes; urgent needs: none",
			want: []string{"Only the practitioner who requested the joint work, or the case lead (@alex)"}},
		{name: "bad decision", as: "alex", where: "c101", text: "/jointwork delay +5d maybe", want: []string{"proceed", "await"}},
		{name: "past date", as: "alex", where: "c101", text: "/jointwork delay 2026-01-01 await", want: []string{"before today"}},
		{name: "missing", as: "alex", where: "c101", text: "/jointwork delay +5d", want: []string{"needs more"}},
		{name: "too long", as: "alex", where: "c101", text: "/jointwork delay +5d await " + long, want: []string{"limit is 300"}},
		{name: "outsider", as: "chris", where: "c101", text: "/jointwork delay +5d await", want: []string{"Only members"}},
	})
}

// The practitioner who sent a formal request may record a delay decision;
// correcting it (same decision and date) pings the manager once, not again.
func TestDelayRequesterAndOneManagerPing(t *testing.T) {
	e := escEnv(t)
	e.in("c101", "alex", "/jointwork invite @bea OT")
	e.in("c101", "bea", "/jointwork request @chris +2d Joint visit")
	e.play(t, []step{
		{name: "the requester decides", as: "bea", where: "c101", text: "/jointwork delay +5d await agreed: yes; urgent needs: none", written: true,
			want: []string{"@bea will await the other practitioner"}},
		{name: "a correction", as: "bea", where: "c101", text: "/jointwork delay +5d await agreed: yes; urgent needs: daily carer visits cover meals", written: true,
			want: []string{"corrected", "Urgent needs: daily carer visits cover meals"}},
	})
	out := e.due(0)
	pings := 0
	for _, p := range pinged(out) {
		if strings.HasPrefix(p, "morgan:") {
			pings++
		}
	}
	if pings != 1 || !strings.Contains(out, "delay decision") {
		t.Fatalf("manager pings for one decision and its correction = %d\n%s", pings, out)
	}
	if d := e.caseOf("c101").Delays; len(d) != 1 || d[0].UrgentNeeds != "daily carer visits cover meals" {
		t.Errorf("delays = %+v", d)
	}
	e.in("c101", "bea", "/jointwork delay +5d proceed agreed: yes; urgent needs: none")
	if got := pinged(e.due(0)); len(got) != 1 {
		t.Errorf("a new decision pings once: %v", got)
	}
}
