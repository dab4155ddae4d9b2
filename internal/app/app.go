// Package app wires jointwork together from a configuration: the store, the
// directory, the rulebook, the calendar, the kernel and every command. The
// binary, the console and the end-to-end tests all build the bot here, so
// they run the same thing.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel/trace"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/calendar"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/metrics"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/deploy"
	"github.com/jointwork/jointwork/handlers"
	"github.com/jointwork/jointwork/rules"
)

// Options adjust how the app is built.
type Options struct {
	Log *slog.Logger
	// Start fixes the bot clock's start (the console's --now); zero = real time.
	Start time.Time
	// Redis, when set, is used instead of Config.RedisURL (tests).
	Redis redis.UniversalClient
	// NoRuntimeMetrics leaves the Go runtime and process collectors out of
	// the metrics (tests).
	NoRuntimeMetrics bool
	// TracerProvider, when set, receives the spans (tests use an in-memory
	// one); else OTEL_EXPORTER_OTLP_ENDPOINT turns OTLP export on.
	TracerProvider trace.TracerProvider
	// WaitForRedis starts without pinging Redis (serve): the app runs
	// unready until Redis answers, instead of failing.
	WaitForRedis bool
	// OnPingSent, when set, hears of every delivered escalation ping and
	// its lag behind its due time (benchmarks).
	OnPingSent func(r *escalation.Record, lag time.Duration)
	// Withheld, when set, hears of every message the send gate refused
	// (handlers.Deps.Withheld; the test harness fails the test).
	Withheld func(bot.Message, disclosure.Decision)
}

// App is a wired jointwork.
type App struct {
	Config    *config.Config
	Redis     redis.UniversalClient
	Store     *state.Store
	Directory *directory.Directory
	Book      *rules.Book
	Calendar  *calendar.Calendar
	Clock     *bot.Clock
	Bot       *bot.Bot
	Handlers  *handlers.Handlers
	Log       *slog.Logger
	// Metrics are the Prometheus metrics (always built; served by serve).
	Metrics  *metrics.Metrics
	embedded bool
	// traceProvider and tracer are nil unless tracing is on (tracing.go).
	traceProvider trace.TracerProvider
	tracer        trace.Tracer
	closers       []func()
	timed         // Platforms, Escalation, Runner: see timed.go
}

// New builds the app. With no Redis URL it starts the embedded store.
func New(ctx context.Context, cfg *config.Config, opt Options) (*App, error) {
	a := &App{Config: cfg, Log: opt.Log, Clock: bot.NewClock(opt.Start),
		Metrics: metrics.New(metrics.Options{Version: Version, NoRuntime: opt.NoRuntimeMetrics})}
	if a.Log == nil {
		a.Log = slog.Default()
	}
	redis.SetLogger(slogRedis{a.Log, cfg.RedisURL})
	if err := a.initTracing(ctx, opt.TracerProvider); err != nil {
		return nil, err
	}
	if err := a.openStore(ctx, opt.Redis, opt.WaitForRedis); err != nil {
		return nil, err
	}
	if err := a.loadData(); err != nil {
		a.Close()
		return nil, err
	}
	pol, err := escalation.NewPolicy(a.Store, a.Directory, a.Calendar, cfg.Escalation, a.Clock.Now)
	if err != nil {
		a.Close()
		return nil, fmt.Errorf("escalation settings: %w", err)
	}
	reg := bot.NewRegistry()
	a.Handlers = handlers.Register(reg, handlers.Deps{
		Store: a.Store, Directory: a.Directory, Book: a.Book, Calendar: a.Calendar,
		Now: a.Clock.Now, DialogTTL: cfg.DialogTTL, Log: a.Log, Policy: pol, FeedbackTextTTL: cfg.FeedbackTextTTL,
		Withheld: opt.Withheld,
	})
	a.Outbox = a.newOutbox()
	a.Bot = bot.New(bot.Options{Registry: reg, Directory: a.Directory, Memory: a.memory(), Log: a.Log, DedupeTTL: cfg.DedupeTTL,
		Middleware: []bot.Middleware{a.traceCommand, commandMetrics(a.Metrics)}, Outbox: a.Outbox, Gate: a.Handlers.Gate(),
		AnswerWaiting: a.Handlers.AnswerWaiting, Reconciler: a.Handlers})
	a.initTimed(opt.OnPingSent)
	return a, nil
}

func (a *App) openStore(ctx context.Context, rdb redis.UniversalClient, lazy bool) error {
	switch {
	case rdb != nil:
	case a.Config.RedisURL == "":
		c, stop, err := state.Embedded()
		if err != nil {
			return fmt.Errorf("embedded store: %w", err)
		}
		rdb, a.embedded = c, true
		a.closers = append(a.closers, stop)
	case lazy:
		c, err := state.Open(a.Config.RedisURL, a.Config.RedisMode)
		if err != nil {
			return fmt.Errorf("redis: %w", err)
		}
		rdb = c
		a.closers = append(a.closers, func() { _ = c.Close() })
	default:
		c, err := state.ConnectMode(ctx, a.Config.RedisURL, a.Config.RedisMode)
		if err != nil {
			return &redactedError{msg: "redis: " + config.RedactIn(err.Error(), a.Config.RedisURL), err: err}
		}
		rdb = c
		a.closers = append(a.closers, func() { _ = c.Close() })
	}
	rdb.AddHook(redisMetrics{a.Metrics})
	a.instrumentRedis(rdb)
	a.Redis = rdb
	a.Store = state.New(rdb, state.Options{Now: a.Clock.Now})
	return nil
}

func (a *App) loadData() error {
	var err error
	if a.Config.Directory == "" {
		a.Directory, err = directory.Parse(deploy.ExampleDirectory)
	} else {
		a.Directory, err = directory.Load(a.Config.Directory)
	}
	if err != nil {
		return err
	}
	if a.Book, err = rules.Load(a.Config.Rules); err != nil {
		return fmt.Errorf("rulebook: %w", err)
	}
	var extra []time.Time
	if a.Config.Holidays != "" {
		if extra, err = calendar.LoadHolidays(a.Config.Holidays); err != nil {
			return fmt.Errorf("holidays: %w", err)
		}
	}
	a.Calendar = calendar.New(a.Config.Location(), append(calendar.DefaultHolidays(), extra...))
	return nil
}

// Embedded reports whether state lives in the in-process store (lost on exit).
func (a *App) Embedded() bool { return a.embedded }

// Close releases the store, once the kernel's pending event releases are
// written.
func (a *App) Close() {
	if a.Bot != nil {
		a.Bot.Released()
	}
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}
