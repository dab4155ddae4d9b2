package handlers_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/internal/apptest"
)

// A council's local override is shown as "local rule (council)" with its own
// source and the local rulebook version, never with Kent's citation.
func TestLocalRuleAnswerSaysLocalRuleAndVersion(t *testing.T) {
	dir := t.TempDir()
	local := "council: Exampleshire County Council\nrules:\n  - id: consent.carer\n    answer: Our own words about carers. Ask them first.\n" +
		"    source: exampleshire-protocols\n    section: Carers, part 3\n"
	if err := os.WriteFile(filepath.Join(dir, "ours.yaml"), []byte(local), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Directory, cfg.Holidays, cfg.Timezone, cfg.Rules = "", "", "Europe/London", dir
	b := apptest.New(t, apptest.Options{Config: cfg})
	b.Out.Reset()
	ev := &bot.Event{ID: "v1", Platform: "console", UserID: "bea", Place: bot.Place{Kind: bot.DM, Channel: "dm:bea"},
		Text: "/jointwork rules show consent.carer", Command: true, At: b.Clock.Now()}
	b.Bot.Handle(context.Background(), b.Recorder, ev)
	out := b.Out.String()
	v := b.Book.Version()
	if !strings.Contains(v, "+local:") {
		t.Fatalf("version %q has no local part", v)
	}
	for _, w := range []string{"Our own words about carers", "local rule (Exampleshire County Council): exampleshire-protocols, section: Carers, part 3", "rulebook " + v} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in:\n%s", w, out)
		}
	}
	if strings.Contains(out, "Kent County Council") {
		t.Errorf("a local rule cites Kent:\n%s", out)
	}
}

// With JOINTWORK_FEEDBACK_TEXT_TTL=0 no question text is kept at all.
func TestFeedbackTextTTLZeroKeepsNoText(t *testing.T) {
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Directory, cfg.Holidays, cfg.Timezone, cfg.Rules, cfg.FeedbackTextTTL = "", "", "Europe/London", "", 0
	b := apptest.New(t, apptest.Options{Config: cfg})
	ctx := context.Background()
	for i, text := range []string{"can I share information without consent as part of a safeguarding enquiry?", "/jointwork feedback up"} {
		ev := &bot.Event{ID: fmt.Sprintf("t%d", i), Platform: "console", UserID: "bea", Place: bot.Place{Kind: bot.DM, Channel: "dm:bea"},
			Text: text, Command: strings.HasPrefix(text, "/"), At: b.Clock.Now()}
		b.Bot.Handle(ctx, b.Recorder, ev)
	}
	if !strings.Contains(b.Out.String(), "is counted") {
		t.Fatalf("vote not counted:\n%s", b.Out.String())
	}
	keys, err := b.Redis.Client().Keys(ctx, "*feedback:text:*").Result()
	if err != nil || len(keys) != 0 {
		t.Errorf("question text kept with TTL 0: %v %v", keys, err)
	}
	if last, err := b.Store.LastAnswerOf(ctx, "bea"); err != nil || last.Question != "" {
		t.Errorf("last answer = %+v, %v", last, err)
	}
}
