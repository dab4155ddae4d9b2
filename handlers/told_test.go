package handlers_test

import (
	"strings"
	"testing"
)

// People are told what concerns them: a removed member that they were
// removed (no case content), every member when the case closes.
func TestPeopleAreTold(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris district nursing")
	e.play(t, []step{
		{name: "removed member told", as: "alex", where: "c101", text: "/jointwork remove @chris wound healed", written: true,
			want:    []string{"[DM @chris] You are no longer on case c101, and nothing more from it will reach you."},
			notWant: []string{"[DM @chris] You are no longer on case c101, and nothing more from it will reach you. Please do not use or share what you learnt there beyond what the law allows. wound", "wound healed"}},
		{name: "members told of the close", as: "alex", where: "c101", text: "/jointwork case close work finished", written: true,
			want:    []string{"[DM @bea] Case c101 was closed by @alex."},
			notWant: []string{"[DM @chris] Case c101 was closed", "[DM @alex] Case c101 was closed"}},
	})
}

// A consent decision that needs a best interest decision and names the
// lead's manager tells that manager (a notice, through the escalation route).
func TestBestInterestNeededTellsTheManager(t *testing.T) {
	e := newEnv(t)
	e.open("c101")
	e.in("c101", "alex", "/jointwork consent capacity=no attorney=none best-interest=no safeguarding=no")
	out := e.due(0)
	if got := pinged(out); strings.Join(got, ",") != "morgan:E1" ||
		!strings.Contains(out, "[DM @morgan] Best interest decision needed on case c101") {
		t.Fatalf("pings = %v, want a notice to morgan\n%s", got, out)
	}
	if out := e.due(30 * escDay); len(pinged(out)) != 0 {
		t.Fatalf("the notice went further:\n%s", out)
	}
}

// The console prints "card updated" only when the card changed: a
// cancelled request (requests are not on the card) prints none.
func TestCardUpdatedOnlyWhenChanged(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris district nursing")
	if out := e.in("c101", "alex", "/jointwork task add @bea +2d Visit"); strings.Count(out, "card updated") != 1 {
		t.Fatalf("task add: want one card update:\n%s", out)
	}
	e.in("c101", "alex", "/jointwork request @chris +3d Summary")
	if out := e.in("c101", "alex", "/jointwork request cancel R1"); strings.Contains(out, "card updated") {
		t.Fatalf("card reported updated though it did not change:\n%s", out)
	}
}
