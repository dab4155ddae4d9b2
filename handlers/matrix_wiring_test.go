package handlers_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/internal/apptest"
)

// castDirectory writes the disclosure package's cast as a directory file:
// dana manages chris; sam and wanda are the named officers.
func castDirectory(t testing.TB) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("people:\n")
	cast := disclosure.Cast()
	names := make([]string, 0, len(cast))
	for role := range cast {
		names = append(names, role)
	}
	sort.Strings(names)
	for _, role := range names {
		p := cast[role]
		fmt.Fprintf(&b, "  - handle: %s\n    name: %s\n    agency: %s\n    role: %s\n", p.Handle, p.Handle, p.Agency, strings.ReplaceAll(role, "-", " "))
		for _, m := range cast[disclosure.RoleNameManager].Manages {
			if m == p.Handle {
				fmt.Fprintf(&b, "    manager: %s\n", cast[disclosure.RoleNameManager].Handle)
			}
		}
	}
	fmt.Fprintf(&b, "contacts:\n  whistleblowing: %s\n  safeguarding: %s\n",
		cast[disclosure.RoleNameWhistle].Handle, cast[disclosure.RoleNameSafeguarding].Handle)
	path := filepath.Join(t.TempDir(), "directory.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// newCastEnv is the harness on the embedded store with the cast directory.
func newCastEnv(t testing.TB) *env {
	t.Helper()
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Directory, cfg.Rules, cfg.Holidays, cfg.Timezone = castDirectory(t), "", "", "Europe/London"
	b := apptest.New(t, apptest.Options{Embedded: true, Config: cfg})
	return &env{tb: t, ctx: context.Background(), app: b.App, ws: b.Workspace, rec: b.Recorder, plat: b.Recorder, out: b.Out}
}

// handle is the cast member playing role.
func handle(role string) string { return disclosure.Cast()[role].Handle }

// setupState opens a fresh case and brings it to state st the way people
// would: delegate named, consent recorded, colleagues invited, rob removed,
// a task for alex and a request to chris, then the change of state.
func (e *env) setupState(t *testing.T, n int, st string) caseIDs {
	t.Helper()
	ref := fmt.Sprintf("m%d", n)
	e.open(ref)
	steps := []string{"/jointwork case delegate @bea"}
	if st != stBefore {
		steps = append(steps, "/jointwork consent capacity=yes consent=yes direct=yes",
			"/jointwork invite @cara home care", "/jointwork invite @chris wound care",
			"/jointwork invite @rob night visits", "/jointwork remove @rob no longer needed",
			"/jointwork request @chris +3d Joint visit")
	}
	steps = append(steps, "/jointwork task add @alex +2d Plan the discharge")
	switch st {
	case stAssumed:
		steps = append(steps, "/jointwork consent capacity=yes consent=unknown same-agency=yes arranging-service=yes safeguarding=no direct=yes")
	case stRefused:
		steps = append(steps, "/jointwork consent capacity=yes consent=no direct=yes safeguarding=no")
	case stWithdrawn:
		steps = append(steps, "/jointwork consent withdraw the person changed their mind")
	case stClosed:
		steps = append(steps, "/jointwork case close plan agreed")
	}
	for _, s := range steps {
		e.in(ref, "alex", s)
	}
	return e.idsOf(t, ref, st)
}

// idsOf reads the case's task and request ids and checks the fixture: the
// members are those the rule table says.
func (e *env) idsOf(t *testing.T, ref, st string) caseIDs {
	t.Helper()
	ids := caseIDs{Ref: ref, Request: "R999999"}
	tasks, err := e.app.Store.Tasks(e.ctx, ref)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("%s (%s): tasks %v, %v", ref, st, tasks, err)
	}
	ids.Task = tasks[0].ID
	if reqs, _ := e.app.Store.Requests(e.ctx, ref); len(reqs) == 1 {
		ids.Request = reqs[0].ID
	}
	if st == stClosed {
		return ids
	}
	var got, want []string
	for h := range e.caseOf(ref).Members {
		got = append(got, h)
	}
	for _, role := range membersIn[st] {
		want = append(want, handle(role))
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Fatalf("%s (%s): members %v, the rule table says %v", ref, st, got, want)
	}
	return ids
}

// placeOf is where a cell's command is typed.
func (e *env) placeOf(place, as, ref, other string) bot.Place {
	switch place {
	case placeCase:
		return e.place(ref)
	case placeOther:
		return e.place(other)
	}
	return bot.Place{Kind: bot.DM, Channel: "dm:" + as}
}

// outcome runs one cell and says what happened to the target case.
func (e *env) outcome(c matrixCommand, as string, p bot.Place, ids caseIDs) string {
	before := e.entries(ids.Ref)
	out := e.run(as, p, c.Text(ids))
	switch {
	case e.entries(ids.Ref) > before:
		return outChanged
	case strings.Contains(out, "Tasks of case "+ids.Ref):
		return outShown
	}
	return outRefused
}
