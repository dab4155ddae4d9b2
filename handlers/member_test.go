package handlers_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/console"
)

func TestInvite(t *testing.T) {
	e := newEnv(t)
	e.open("c101")
	e.play(t, []step{
		{name: "another agency before consent", as: "alex", where: "c101", text: "/jointwork invite @chris wound care",
			want: []string{"@chris is from nhs-community-trust", "consent.required", "`/jointwork consent`"}, notWant: []string{"joined"}},
		{name: "missing person", as: "alex", where: "c101", text: "/jointwork invite", want: []string{"needs more"}},
		{name: "unknown person", as: "alex", where: "c101", text: "/jointwork invite @nobody x", want: []string{"not in the jointwork directory"}},
		{name: "reason too long", as: "alex", where: "c101", text: "/jointwork invite @bea " + long, want: []string{"limit is 300"}},
		{name: "outsider in the channel", as: "eve", where: "c101", text: "/jointwork invite @finn", want: []string{"Only members of this case"}},
		{name: "same agency before consent", as: "alex", where: "c101", text: "/jointwork invite @bea OT assessment",
			want: []string{"needs consent too", "case delegate @bea"}, notWant: []string{"joined"}},
		{name: "consent", as: "alex", where: "c101", text: "/jointwork consent capacity=yes consent=yes direct=yes", written: true},
		{name: "same agency", as: "alex", where: "c101", text: "/jointwork invite @bea OT assessment", written: true,
			want: []string{"[#jw-c101] -- @bea joined", "[DM @bea] @alex added you to case c101", "tac.matrix", "Need to know: OT assessment", "@bea (county-council)"},
			check: func(t *testing.T, e *env) {
				if m := e.caseOf("c101").Members["bea"]; m.Reason != "OT assessment" || m.AddedBy != "alex" || m.Agency != "county-council" {
					t.Errorf("member = %+v", m)
				}
			}},
		{name: "twice", as: "alex", where: "c101", text: "/jointwork invite @bea OT assessment", want: []string{"already a member"}},
		{name: "member of the lead's agency cannot invite another agency", as: "bea", where: "c101", text: "/jointwork invite @chris wound care",
			want: []string{"Only the case lead (@alex) or a delegate can invite another agency"}},
		{name: "another agency needs a reason", as: "alex", where: "c101", text: "/jointwork invite @chris", want: []string{"Say why they need to know"}},
		{name: "another agency after consent", as: "alex", where: "c101", text: "/jointwork invite @chris wound care", written: true,
			want: []string{"@chris joined", "Basis: consent permitted"}},
		{name: "remove by non-lead", as: "bea", where: "c101", text: "/jointwork remove @chris", want: []string{"Only the case lead"}},
		{name: "remove the lead", as: "alex", where: "c101", text: "/jointwork remove @alex", want: []string{"cannot be removed"}},
		{name: "remove", as: "alex", where: "c101", text: "/jointwork remove @chris work finished", written: true, want: []string{"@chris was removed", "removed @chris"},
			check: func(t *testing.T, e *env) {
				if _, in := e.caseOf("c101").Members["chris"]; in {
					t.Error("chris still a member")
				}
			}},
		{name: "remove twice", as: "alex", where: "c101", text: "/jointwork remove @chris", want: []string{"not a member"}},
	})
}

// flaky is the console workspace with an Invite that fails, as a platform
// outage would.
type flaky struct {
	*console.Workspace
	fail bool
}

func (f *flaky) Invite(ctx context.Context, ch string, handles ...string) error {
	if f.fail {
		return errors.New("platform down")
	}
	return f.Workspace.Invite(ctx, ch, handles...)
}

// An invite whose platform call fails stays recorded and says so; the same
// command again adds the person without a second record.
func TestInvitePlatformFailure(t *testing.T) {
	e := newEnv(t)
	e.open("c101")
	e.in("c101", "alex", "/jointwork consent capacity=yes consent=yes direct=yes")
	f := &flaky{Workspace: e.ws, fail: true}
	e.plat = f
	before := e.entries("c101")
	out := e.in("c101", "alex", "/jointwork invite @bea OT assessment")
	if !strings.Contains(out, "recorded as a member of case c101, but I could not add them") || strings.Contains(out, "joined") {
		t.Errorf("failed invite:\n%s", out)
	}
	if _, in := e.caseOf("c101").Members["bea"]; !in || e.entries("c101") != before+1 {
		t.Fatalf("membership not recorded once")
	}
	f.fail = false
	out = e.in("c101", "alex", "/jointwork invite @bea OT assessment")
	if !strings.Contains(out, "@bea joined") || e.entries("c101") != before+1 {
		t.Errorf("retry:\n%s", out)
	}
}
