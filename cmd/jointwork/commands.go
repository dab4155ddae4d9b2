package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/handlers"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/rules"
)

func loadConfig(stderr io.Writer) (*config.Config, bool) {
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintf(stderr, "jointwork: bad configuration:\n%s\n", indent(err.Error()))
		return nil, false
	}
	return cfg, true
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func runConsole(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.SetOutput(stderr)
	as := fs.String("as", "alex", "the directory handle you start as")
	now := fs.String("now", "", "start the bot clock at this time (2006-01-02T15:04, local), for repeatable scripts")
	if fs.Parse(args) != nil {
		return 2
	}
	cfg, ok := loadConfig(stderr)
	if !ok {
		return 2
	}
	var start time.Time
	if *now != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", *now, cfg.Location())
		if err != nil {
			fmt.Fprintf(stderr, "jointwork console: --now: want 2006-01-02T15:04, got %q\n", *now)
			return 2
		}
		start = t
	}
	if cfg.LogLevel == "info" {
		cfg.LogLevel = "warn" // keep the console readable; audit lines go to stderr at info
	}
	a, err := app.New(ctx, cfg, app.Options{Log: newLogger(cfg, stderr), Start: start})
	if err != nil {
		fmt.Fprintf(stderr, "jointwork console: %v\n", err)
		return 1
	}
	defer a.Close()
	if name := strings.TrimPrefix(strings.ToLower(*as), "@"); !knownPerson(a, name) {
		fmt.Fprintf(stderr, "jointwork console: --as: no one called %q in the directory (try alex, bea, chris, dana)\n", *as)
		return 2
	}
	banner := "Store: Redis at " + cfg.RedisURL + "."
	if a.Embedded() {
		banner = "Store: embedded in-process Redis (nothing to install; state is lost when you quit)."
	}
	c := console.New(console.Options{Bot: a.Bot, Clock: a.Clock, Out: stdout, As: *as, Banner: banner, OnClock: a.RunDue, Store: a.Store})
	a.AddPlatform(c.Workspace())
	if err := c.Run(ctx, stdin); err != nil {
		fmt.Fprintf(stderr, "jointwork console: %v\n", err)
		return 1
	}
	return 0
}

func runRules(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) >= 2 && args[0] == "rules" && args[1] == "stats" {
		return runStats(ctx, args[2:], stdout, stderr)
	}
	return rules.RunCLI(ctx, args, stdout, stderr)
}

func runConfig(stdout, stderr io.Writer) int {
	cfg, ok := loadConfig(stderr)
	if !ok {
		return 2
	}
	cfg.Print(stdout)
	return 0
}

func runHelp(ctx context.Context, _ []string, stdout, stderr io.Writer) int {
	fmt.Fprint(stdout, usage)
	cfg := &config.Config{DialogTTL: time.Minute, DedupeTTL: time.Minute, Timezone: "Europe/London"}
	a, err := app.New(ctx, cfg, app.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		fmt.Fprintf(stderr, "jointwork help: %v\n", err)
		return 1
	}
	defer a.Close()
	fmt.Fprintf(stdout, "\nChat commands (in Slack, Teams or the console):\n\n%s\n", handlers.HelpText(a.Bot.Registry()))
	return 0
}

// knownPerson reports whether handle is in the app's directory.
func knownPerson(a *app.App, handle string) bool {
	_, ok := a.Directory.Person(handle)
	return ok
}
