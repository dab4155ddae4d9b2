package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/redistest"
)

// env is the whole bot (internal/apptest: internal/app on a real
// redis-server) driven with the console's Workspace as its platform.
type env struct {
	tb   testing.TB
	ctx  context.Context
	app  *app.App
	ws   *console.Workspace
	rec  *apptest.Recorder // every message sent through ws
	plat bot.Platform      // the platform events go through (rec unless a test wraps ws)
	out  *apptest.Buffer
	srv  *redistest.Server
	seq  int
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	b := apptest.New(tb, apptest.Options{})
	return &env{tb: tb, ctx: context.Background(), app: b.App, ws: b.Workspace, rec: b.Recorder, plat: b.Recorder, out: b.Out, srv: b.Redis}
}

// send handles one event and returns what the bot printed meanwhile.
func (e *env) send(as string, place bot.Place, text string, id string) string {
	e.out.Reset()
	cmd := strings.HasPrefix(text, "/jointwork")
	ev := &bot.Event{ID: id, Platform: "console", UserID: as, Place: place, Text: text, Command: cmd, At: e.app.Clock.Now()}
	e.app.Bot.Handle(e.ctx, e.plat, ev)
	return e.out.String()
}

func (e *env) run(as string, place bot.Place, text string) string {
	e.seq++
	return e.send(as, place, text, fmt.Sprintf("test-%d", e.seq))
}

// dm runs text as a person in their DM with the bot.
func (e *env) dm(as, text string) string {
	return e.run(as, bot.Place{Kind: bot.DM, Channel: "dm:" + as}, text)
}

// in runs text as a person in the channel of case ref.
func (e *env) in(ref, as, text string) string {
	return e.run(as, e.place(ref), text)
}

func (e *env) place(ref string) bot.Place {
	return bot.Place{Kind: bot.Channel, Channel: e.caseOf(ref).Channel}
}

func (e *env) caseOf(ref string) *state.Case {
	e.tb.Helper()
	c, err := e.app.Store.Case(e.ctx, ref)
	if err != nil {
		e.tb.Fatalf("case %s: %v", ref, err)
	}
	return c
}

func (e *env) entries(ref string) int {
	e.tb.Helper()
	tl, err := e.app.Store.Timeline(e.ctx, ref)
	if err != nil {
		e.tb.Fatalf("timeline %s: %v", ref, err)
	}
	return len(tl)
}

// open opens a case as alex and fails the test when it does not work.
func (e *env) open(ref string) {
	e.tb.Helper()
	if out := e.dm("alex", "/jointwork case open "+ref); !strings.Contains(out, "is open") {
		e.tb.Fatalf("case open %s:\n%s", ref, out)
	}
}

// permit opens a case with bea and a permitted consent decision.
func (e *env) permit(ref string) {
	e.tb.Helper()
	e.open(ref)
	for _, line := range []string{"/jointwork consent capacity=yes consent=yes direct=yes", "/jointwork invite @bea OT assessment"} {
		if out := e.in(ref, "alex", line); strings.Contains(out, "[only @alex]") {
			e.tb.Fatalf("%s:\n%s", line, out)
		}
	}
}

// step is one command of a table: who types what where, what must be
// printed, and whether the case timeline must grow or stay the same.
type step struct {
	name    string
	as      string
	where   string // "dm", or a case ref for its channel
	text    string
	want    []string
	notWant []string
	written bool // the timeline of ref grows (false: it must not change)
	ref     string
	check   func(t *testing.T, e *env)
}

// play runs steps in order, as subtests sharing the env.
func (e *env) play(t *testing.T, steps []step) {
	t.Helper()
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			ref := s.ref
			if ref == "" {
				ref = "c101"
			}
			before := e.entries(ref)
			var out string
			if s.where == "dm" {
				out = e.dm(s.as, s.text)
			} else {
				out = e.in(s.where, s.as, s.text)
			}
			for _, w := range s.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range s.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
			after := e.entries(ref)
			if s.written && after <= before {
				t.Errorf("timeline of %s did not grow (%d entries):\n%s", ref, after, out)
			}
			if !s.written && after != before {
				t.Errorf("timeline of %s changed from %d to %d entries:\n%s", ref, before, after, out)
			}
			if s.check != nil {
				s.check(t, e)
			}
		})
	}
}

var long = strings.Repeat("x", 1001)
