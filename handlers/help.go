package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
)

func (h *Handlers) helpCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "help",
		Usage:       "[COMMAND]",
		Description: "List every command with an example, or explain one command.",
		Examples:    []string{"/jointwork help", "/jointwork help task add"},
		MaxArgs:     2,
		Run:         h.help,
	}}
}

func (h *Handlers) help(_ context.Context, r *bot.Request) ([]bot.Message, error) {
	if len(r.Args) == 0 {
		return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Title: "jointwork commands", Text: HelpText(h.reg), Context: h.Book.Footer()}}, nil
	}
	name := strings.ToLower(strings.Join(r.Args, " "))
	if c, ok := h.reg.Lookup(name); ok {
		return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Text: c.Help(), Context: h.Book.Footer()}}, nil
	}
	if fam := h.reg.Family(strings.ToLower(r.Args[0])); len(fam) > 0 {
		parts := make([]string, len(fam))
		for i, c := range fam {
			parts[i] = c.Help()
		}
		return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Text: strings.Join(parts, "\n\n"), Context: h.Book.Footer()}}, nil
	}
	return nil, bot.Refusef("There is no command `%s`. Type `/jointwork help` for the list.", name)
}

// helpGroups orders the help screen: each group lists its commands by the
// first words of their names; anything not named lands in the last group.
var helpGroups = []struct {
	title string
	names []string
}{
	{"Asking", []string{"ask", "rules", "help", "concern"}},
	{"Cases", []string{"cases", "case", "invite", "remove", "level", "delay", "record"}},
	{"Consent", []string{"consent"}},
	{"Tasks and requests", []string{"task", "request"}},
	{"Escalations", []string{"escalate", "escalations", "ack", "snooze"}},
	{"More", nil},
}

// helpGroup is the index in helpGroups of command c.
func helpGroup(c *bot.Command) int {
	first, _, _ := strings.Cut(c.Name, " ")
	for i, g := range helpGroups {
		for _, n := range g.names {
			if n == first || n == c.Name {
				return i
			}
		}
	}
	return len(helpGroups) - 1
}

// HelpText lists the visible commands grouped (asking, cases, consent, tasks
// and requests, escalations), one line each with its usage, short enough for
// one screen, and one example; `/jointwork help COMMAND` gives the detail.
// `jointwork help` on the command line prints the same.
func HelpText(reg *bot.Registry) string {
	lines := make([][]string, len(helpGroups))
	for _, c := range reg.Visible() {
		i := helpGroup(c)
		lines[i] = append(lines[i], "  "+c.Synopsis())
	}
	var b strings.Builder
	for i, g := range helpGroups {
		if len(lines[i]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s\n%s\n", g.title, strings.Join(lines[i], "\n"))
	}
	b.WriteString("e.g. /jointwork task add @chris next fri Call the GP\n")
	b.WriteString("Ask a question in your own words in a direct message, or with @jointwork. `/jointwork help COMMAND` explains one command, with examples.")
	return b.String()
}
