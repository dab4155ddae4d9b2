package handlers_test

import (
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/state"
)

// Personal views (task mine, home) show a case's items only while its
// basis admits the person: a stale task of someone off the case, or any
// item of a closed case, is left out.
func TestPersonalViewsFollowTheBasis(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris wound care")
	e.in("c101", "alex", "/jointwork task add @chris +2d Wound care plan")
	e.in("c101", "alex", "/jointwork request @eve +3d Attendance report")
	for _, v := range []struct{ view, task, req string }{
		{"/jointwork task mine", "Wound care plan", "Attendance report"},
		{"/jointwork home", "T1 · case c101", "R1 · case c101"},
	} {
		if out := e.dm("chris", v.view); !strings.Contains(out, v.task) {
			t.Errorf("%s while chris is on the case:\n%s", v.view, out)
		}
		if out := e.dm("eve", v.view); !strings.Contains(out, v.req) {
			t.Errorf("%s while eve holds the request:\n%s", v.view, out)
		}
	}
	// A stale list: chris off the members without the re-application.
	err := e.app.Store.Update(e.ctx, "c101", func(tx *state.Tx) error { delete(tx.Case.Members, "chris"); return nil })
	if err != nil {
		t.Fatal(err)
	}
	out := e.dm("chris", "/jointwork task mine")
	if strings.Contains(out, "Wound care") || !strings.Contains(out, "1 more task(s)") {
		t.Errorf("task mine of chris off the case:\n%s", out)
	}
	if out := e.dm("chris", "/jointwork home"); strings.Contains(out, "T1 · case c101") {
		t.Errorf("home of chris off the case:\n%s", out)
	}
	e.in("c101", "alex", "/jointwork case close done")
	if out := e.dm("eve", "/jointwork home"); strings.Contains(out, "R1 · case c101") {
		t.Errorf("home of eve after the case closed:\n%s", out)
	}
}
