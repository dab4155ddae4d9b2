package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
)

// The audit line names the actor and the place, except for an Anonymous
// command (a whistleblowing concern), whose line names neither.
func TestAuditAnonymousCommand(t *testing.T) {
	for _, tc := range []struct {
		anonymous bool
		want      []string
		notWant   []string
	}{
		{false, []string{"command=task", "actor=bea", "channel=D-bea"}, nil},
		{true, []string{"command=concern", "outcome=ok"}, []string{"bea", "D-bea"}},
	} {
		var buf bytes.Buffer
		log := slog.New(slog.NewTextHandler(&buf, nil))
		name := "task"
		if tc.anonymous {
			name = "concern"
		}
		h := bot.Chain(func(context.Context, *bot.Request) ([]bot.Message, error) { return nil, nil }, bot.Audit(log))
		r := &bot.Request{Event: &bot.Event{Platform: "console", Place: bot.Place{Kind: bot.DM, Channel: "D-bea"}},
			Actor: directory.Person{Handle: "bea"}, Command: &bot.Command{Name: name, Anonymous: tc.anonymous}}
		if _, err := h(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		line := buf.String()
		for _, w := range tc.want {
			if !strings.Contains(line, w) {
				t.Errorf("audit line lacks %q: %s", w, line)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(line, w) {
				t.Errorf("audit line has %q: %s", w, line)
			}
		}
	}
}
