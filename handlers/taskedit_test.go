package handlers_test

import (
	"testing"

	"github.com/jointwork/jointwork/bot/state"
)

// TestTaskEditsAndCases walks reassign, due, cancel, request cancel and the
// case list: who may, what the timeline gets, who is told.
func TestTaskEditsAndCases(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris district nursing")
	e.in("c101", "alex", "/jointwork task add @bea +2d Home visit")
	e.in("c101", "alex", "/jointwork request @chris +3d Discharge summary")
	e.play(t, []step{
		{name: "outsider may not reassign", as: "eve", where: "dm", text: "/jointwork task reassign c101 T1 @chris", want: []string{"I can't find task T1 among your cases."}, notWant: []string{"@alex"}},
		{name: "a member who is not lead or owner", as: "chris", where: "dm", text: "/jointwork task reassign T1 @chris", want: []string{"Only the case lead (@alex), a delegate or the task's owner (@bea)"}},
		{name: "to a non-member", as: "alex", where: "dm", text: "/jointwork task reassign T1 @eve", want: []string{"@eve is not a member of case c101"}},
		{name: "owner hands it on", as: "bea", where: "dm", text: "/jointwork task reassign T1 @chris", written: true,
			want: []string{"[#jw-c101 thread:", "Task T1 on case c101 is now @chris's (was @bea; changed by @bea)", "[DM @chris] Task T1", "[only @bea] Task T1"},
			check: func(t *testing.T, e *env) {
				if tk := e.task("c101", "T1"); tk.Owner != "chris" || !tk.Open() {
					t.Errorf("task = %+v", tk)
				}
			}},
		{name: "new owner moves the date", as: "chris", where: "c101", text: "/jointwork task due T1 next fri", written: true,
			want: []string{"is now due Fri 4 Dec 2026 (was Wed 25 Nov 2026; changed by @chris)"}, notWant: []string{"[only @chris]"}},
		{name: "bad date", as: "chris", where: "c101", text: "/jointwork task due T1 someday", want: []string{"I can't read \"someday\" as a date"}},
		{name: "only lead or setter cancels", as: "chris", where: "c101", text: "/jointwork task cancel T1", want: []string{"Only the case lead"}},
		{name: "lead cancels", as: "alex", where: "c101", text: "/jointwork task cancel T1 the GP already called", written: true,
			want: []string{"Task T1 on case c101 was cancelled by @alex (reason: the GP already called)", "[DM @chris] Task T1"},
			check: func(t *testing.T, e *env) {
				if tk := e.task("c101", "T1"); tk.Status != state.TaskCancelled || tk.Open() {
					t.Errorf("task = %+v", tk)
				}
			}},
		{name: "cancelled task cannot change", as: "alex", where: "c101", text: "/jointwork task due T1 tomorrow", want: []string{"Task T1 is cancelled"}},
		{name: "request cancel by a stranger", as: "bea", where: "c101", text: "/jointwork request cancel R1", want: []string{"Only @alex (who sent request R1)"}},
		{name: "request cancel", as: "alex", where: "dm", text: "/jointwork request cancel R1 no longer needed", written: true,
			want:    []string{"Request R1 to @chris was cancelled by @alex (reason: no longer needed)", "[DM @chris] Request R1 from @alex (case c101) was withdrawn", "[only @alex] Request R1 on case c101 is cancelled."},
			notWant: []string{"[DM @chris] Request R1 from @alex (case c101) was withdrawn: nothing more is needed from you. no longer"}},
		{name: "request cancel twice", as: "alex", where: "dm", text: "/jointwork request cancel R1", want: []string{"already cancelled"}},
		{name: "cases", as: "chris", where: "dm", text: "/jointwork cases",
			want: []string{"Your cases", "c101 · open · you: member · Person consented · #jw-c101", "nothing open"}},
		{name: "cases of the lead", as: "alex", where: "c101", text: "/jointwork cases",
			want: []string{"[only @alex]", "c101 · open · you: lead"}},
		{name: "cases of someone with none", as: "eve", where: "dm", text: "/jointwork cases", want: []string{"You are not on any case"}},
	})
}
