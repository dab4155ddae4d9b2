package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/console"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/redistest"
)

// TestAdminCommandLine: `jointwork admin export-case` writes the JSON and
// Markdown record for an admin and refuses anyone else; `purge-case`
// removes the closed case; both against a real Redis.
func TestAdminCommandLine(t *testing.T) {
	srv := redistest.Start(t)
	t.Setenv("JOINTWORK_REDIS_URL", srv.URL())
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, app.Options{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ws := console.NewWorkspace(io.Discard, a.Directory)
	say := func(text string, place bot.Place) {
		a.Bot.Handle(context.Background(), ws, &bot.Event{Platform: "console", UserID: "alex", Text: text, Command: true, Place: place, At: a.Clock.Now()})
	}
	say("case open c101", bot.Place{Kind: bot.DM, Channel: "dm:alex"})
	c, err := a.Store.Case(context.Background(), "c101")
	if err != nil {
		t.Fatal(err)
	}
	say("case close done", bot.Place{Kind: bot.Channel, Channel: c.Channel})
	a.Close()

	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "", "admin", "export-case", "c101", "--as", "alex", "--out", dir); code != 1 || !strings.Contains(errOut, "Only an admin") {
		t.Errorf("export by a non-admin: exit %d, %q", code, errOut)
	}
	code, out, errOut := runCmd(t, "", "admin", "export-case", "c101", "--as", "pat", "--out", dir)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	for _, name := range []string{"case-c101-record.json", "case-c101-record.md"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !strings.Contains(string(b), "c101") {
			t.Errorf("%s: %v\n%s", name, err, out)
		}
	}
	if code, _, errOut := runCmd(t, "", "admin", "purge-case", "c101", "--reason", "ticket 4411", "--as", "pat"); code != 0 {
		t.Fatalf("purge: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "admin", "export-case", "c101", "--as", "pat", "--out", dir); code != 1 || !strings.Contains(errOut, "no case") {
		t.Errorf("export after purge: exit %d, %q", code, errOut)
	}
	if code, _, _ := runCmd(t, "", "admin", "export-case", "c101"); code != 2 {
		t.Errorf("no --as: exit %d, want 2", code)
	}
}
