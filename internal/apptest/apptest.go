// Package apptest builds the whole bot for tests, in the spirit of go-joe's
// joetest.NewBot: internal/app on a real redis-server (internal/redistest)
// or the embedded store, the bot clock fixed at Monday 23 November 2026
// 09:00 London, the example directory, a console Workspace as its platform
// and a Recorder of every outbound message.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/redistest"
)

// London is Europe/London.
var London = mustLoad("Europe/London")

// Monday is the start of the bot clock: Mon 23 Nov 2026 09:00 London.
var Monday = time.Date(2026, 11, 23, 9, 0, 0, 0, London)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Options adjust New; the zero value is a real Redis, Monday, the config
// from the environment (example directory, no local rules or holidays).
type Options struct {
	// Embedded uses the in-process store instead of a redis-server.
	Embedded bool
	// Redis reuses a running server (a restart test) instead of a new one.
	Redis *redistest.Server
	// Start is the bot clock's start; Monday when zero.
	Start time.Time
	// Config replaces the configuration read from the environment.
	Config *config.Config
	// Log receives the app's logs; discarded when nil.
	Log *slog.Logger
	// RealClock runs the bot clock on real time (benchmarks); Start is
	// then ignored.
	RealClock bool
	// OnPingSent hears of every delivered escalation ping and its lag
	// (app.Options.OnPingSent).
	OnPingSent func(r *escalation.Record, lag time.Duration)
}

// Bot is a wired app with its console workspace and recorder.
type Bot struct {
	*app.App
	// Redis is the server under the store (nil with Embedded).
	Redis *redistest.Server
	// Out is what the workspace printed.
	Out *Buffer
	// Workspace is the console platform.
	Workspace *console.Workspace
	// Recorder wraps Workspace; it is the platform registered for timed
	// work and the one to pass to Bot.Handle.
	Recorder *Recorder
}

// New builds the bot and closes it when the test ends.
func New(tb testing.TB, opt Options) *Bot {
	tb.Helper()
	cfg := opt.Config
	if cfg == nil {
		var err error
		if cfg, err = config.Load(); err != nil {
			tb.Fatalf("config: %v", err)
		}
		cfg.Directory, cfg.Rules, cfg.Holidays, cfg.Timezone = "", "", "", "Europe/London"
	}
	b := &Bot{Out: &Buffer{}, Redis: opt.Redis}
	aopt := app.Options{Start: opt.Start, Log: opt.Log, OnPingSent: opt.OnPingSent, Withheld: withheld(tb)}
	if opt.RealClock {
		aopt.Start = time.Time{}
	} else if aopt.Start.IsZero() {
		aopt.Start = Monday
	}
	if aopt.Log == nil {
		aopt.Log = Quiet()
	}
	if opt.Embedded {
		cfg.RedisURL = ""
	} else {
		if b.Redis == nil {
			b.Redis = redistest.Start(tb)
		}
		aopt.Redis = b.Redis.Client()
	}
	a, err := app.New(context.Background(), cfg, aopt)
	if err != nil {
		tb.Fatalf("app: %v", err)
	}
	tb.Cleanup(a.Close)
	b.App = a
	b.Workspace = console.NewWorkspace(b.Out, a.Directory)
	b.Recorder = &Recorder{Platform: b.Workspace, Check: b.vetted(tb)}
	a.AddPlatform(b.Recorder)
	return b
}

// withheld and vetted make the disclosure policy part of every test: a
// message the send gate withholds fails the test (the code tried to
// disclose), and the Recorder's Check vets every message that reached the
// platform again, so one sent around the gate fails it too.
func withheld(tb testing.TB) func(bot.Message, disclosure.Decision) {
	return func(m bot.Message, d disclosure.Decision) {
		tb.Errorf("disclosure: a %s message on case %q to %v was withheld: %s", purposeName(m), m.Case, m.To, d)
	}
}

// vetted is the Recorder's Check (see withheld).
func (b *Bot) vetted(tb testing.TB) func(Sent) {
	return func(s Sent) {
		if d := b.Handlers.Vet(context.Background(), s.Message, s.Update); !d.Allowed {
			tb.Errorf("disclosure: a %s message on case %q reached %v: %s", purposeName(s.Message), s.Message.Case, s.Message.To, d)
		}
	}
}

func purposeName(m bot.Message) string {
	if m.Purpose.Kind == disclosure.KindUnknown {
		return "post/DM"
	}
	return m.Purpose.Kind.String()
}

// Quiet is a logger that discards everything.
func Quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
