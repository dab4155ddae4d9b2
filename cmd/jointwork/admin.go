package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/internal/app"
)

// runAdmin runs `jointwork admin export-case REF` or `jointwork admin
// purge-case REF --reason TEXT` against JOINTWORK_REDIS_URL as the directory
// admin named by --as: the same command, checks and audit record as
// `/jointwork admin …` in chat. An export is written as two files in --out.
func runAdmin(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("admin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	as := fs.String("as", "", "handle of the directory admin doing this (recorded on the audit stream)")
	out := fs.String("out", ".", "folder for export-case's JSON and Markdown files")
	reason := fs.String("reason", "", "purge-case: why (a ticket number or short code, no names)")
	if len(args) < 2 || fs.Parse(args[2:]) != nil || fs.NArg() > 0 || *as == "" {
		fmt.Fprintln(stderr, "usage: jointwork admin export-case REF --as HANDLE [--out DIR] | purge-case REF --reason TEXT --as HANDLE")
		return 2
	}
	text := "admin " + args[0] + " " + args[1]
	switch args[0] {
	case "export-case":
	case "purge-case":
		text += " --reason " + *reason
	default:
		fmt.Fprintf(stderr, "jointwork admin: unknown action %q (export-case or purge-case)\n", args[0])
		return 2
	}
	cfg, ok := loadConfig(stderr)
	if !ok {
		return 2
	}
	if cfg.RedisURL == "" {
		fmt.Fprintln(stderr, "jointwork admin: JOINTWORK_REDIS_URL is not set: there is no stored case to act on (in the console, use /jointwork admin …)")
		return 2
	}
	a, err := app.New(ctx, cfg, app.Options{Log: newLogger(cfg, stderr)})
	if err != nil {
		fmt.Fprintf(stderr, "jointwork admin: %v\n", err)
		return 1
	}
	defer a.Close()
	ws := console.NewWorkspace(io.Discard, a.Directory)
	ev := &bot.Event{Platform: ws.Name(), UserID: strings.TrimPrefix(*as, "@"), Text: text, Command: true,
		Place: bot.Place{Kind: bot.DM, Channel: "dm:" + *as}, At: a.Clock.Now()}
	_, msgs := a.Bot.Process(ctx, ws, ev)
	return adminResult(msgs, *out, stdout, stderr)
}

// adminResult prints the replies and writes any files; 1 when refused.
func adminResult(msgs []bot.Message, dir string, stdout, stderr io.Writer) int {
	code := 0
	for _, m := range msgs {
		if m.Kind == bot.KindError {
			fmt.Fprintln(stderr, m.Text)
			code = 1
			continue
		}
		fmt.Fprintln(stdout, m.Text)
		if m.File == nil {
			continue
		}
		path := filepath.Join(dir, filepath.Base(m.File.Name))
		if err := os.WriteFile(path, m.File.Content, 0o600); err != nil {
			fmt.Fprintf(stderr, "jointwork admin: %v\n", err)
			return 1
		}
		fmt.Fprintln(stdout, "wrote", path)
	}
	return code
}
