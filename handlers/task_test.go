package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

func (e *env) task(ref, id string) state.Task {
	e.tb.Helper()
	tasks, err := e.app.Store.Tasks(e.ctx, ref)
	if err != nil {
		e.tb.Fatal(err)
	}
	for _, t := range tasks {
		if t.ID == id {
			return t
		}
	}
	e.tb.Fatalf("no task %s", id)
	return state.Task{}
}

func TestTasks(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.play(t, []step{
		{name: "add", as: "alex", where: "c101", text: "/jointwork task add @bea +2d Home visit to assess the bathroom", written: true,
			want: []string{"[#jw-c101] Task T1 for @bea, due Wed 25 Nov 2026: Home visit", "[DM @bea] @alex gave you task T1", "Open tasks: T1 @bea due Wed 25 Nov 2026"},
			check: func(t *testing.T, e *env) {
				tk := e.task("c101", "T1")
				if tk.Owner != "bea" || tk.Thread == "" || tk.CreatedBy != "alex" || !tk.Open() {
					t.Errorf("task = %+v", tk)
				}
			}},
		{name: "missing args", as: "alex", where: "c101", text: "/jointwork task add @bea +2d", want: []string{"needs more"}},
		{name: "bad date", as: "alex", where: "c101", text: "/jointwork task add @bea someday Visit", want: []string{"I can't read \"someday\" as a date; try next fri"}},
		{name: "past date", as: "alex", where: "c101", text: "/jointwork task add @bea 2026-01-05 Visit", want: []string{"before today"}},
		{name: "text too long", as: "alex", where: "c101", text: "/jointwork task add @bea +2d " + long, want: []string{"limit is 500"}},
		{name: "owner not a member", as: "alex", where: "c101", text: "/jointwork task add @chris +2d Visit", want: []string{"@chris is not a member of case c101"}},
		{name: "unknown owner", as: "alex", where: "c101", text: "/jointwork task add @zed +2d Visit", want: []string{"not in the jointwork directory"}},
		{name: "outsider", as: "eve", where: "c101", text: "/jointwork task add @bea +2d Visit", want: []string{"Only members"}},
		{name: "outsider marks done", as: "eve", where: "dm", text: "/jointwork task done T1", want: []string{"I can't find task T1 among your cases"}},
		{name: "bad id", as: "bea", where: "dm", text: "/jointwork task done X1", want: []string{"not a task id"}},
		{name: "no such task", as: "bea", where: "dm", text: "/jointwork task done T99", want: []string{"I can't find task T99 among your cases"}},
		{name: "mine", as: "bea", where: "dm", text: "/jointwork task mine", want: []string{"Task T1 · @bea · due Wed 25 Nov 2026 · open · Home visit"}},
		{name: "owner marks done in a DM", as: "bea", where: "dm", text: "/jointwork task done t1", written: true,
			want: []string{"[#jw-c101 thread:", "Task T1 done (marked by @bea)", "Open tasks: none", "Task T1 on case c101 is marked done"},
			check: func(t *testing.T, e *env) {
				if tk := e.task("c101", "T1"); tk.Open() || tk.DoneAt.IsZero() {
					t.Errorf("task = %+v", tk)
				}
			}},
		{name: "done twice", as: "bea", where: "dm", text: "/jointwork task done T1", want: []string{"already done"}},
		{name: "mine after", as: "bea", where: "dm", text: "/jointwork task mine", want: []string{"Nothing open for you"}},
		{name: "list", as: "bea", where: "c101", text: "/jointwork task list", want: []string{"[only @bea] Tasks of case c101", "T1 · @bea · due Wed 25 Nov 2026 · done"}},
		{name: "list outside a case", as: "bea", where: "dm", text: "/jointwork task list", want: []string{"in the case channel"}},
	})
}

func TestTaskOverdue(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork task add @bea tomorrow Ring the GP")
	e.app.Clock.Advance(3 * 24 * time.Hour)
	out := e.in("c101", "bea", "/jointwork task list")
	if !strings.Contains(out, "T1 · @bea · due Tue 24 Nov 2026 · ⚠ OVERDUE") {
		t.Errorf("list:\n%s", out)
	}
	out = e.in("c101", "alex", "/jointwork task add @bea +1d Another call")
	if !strings.Contains(out, "T1 @bea due Tue 24 Nov 2026 ⚠ OVERDUE") {
		t.Errorf("card does not flag the overdue task:\n%s", out)
	}
}

func TestTaskMineHidesCasesLeft(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris wound care")
	e.in("c101", "alex", "/jointwork task add @chris +2d Wound care plan")
	e.in("c101", "alex", "/jointwork consent withdraw")
	out := e.dm("chris", "/jointwork task mine")
	// The withdrawal unassigned chris's task, so nothing of the case is his.
	if strings.Contains(out, "Wound care") || !strings.Contains(out, "Nothing open for you") {
		t.Errorf("task mine for a removed member:\n%s", out)
	}
}
