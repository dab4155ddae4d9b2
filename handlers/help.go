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

// HelpText lists every visible command with its usage, what it does and one
// example; `jointwork help` on the command line prints the same.
func HelpText(reg *bot.Registry) string {
	var b strings.Builder
	for _, c := range reg.Visible() {
		fmt.Fprintf(&b, "%s\n    %s\n", c.Synopsis(), c.Description)
		if len(c.Examples) > 0 {
			fmt.Fprintf(&b, "    e.g. %s\n", c.Examples[0])
		}
	}
	b.WriteString("Ask a question in your own words in a direct message, or with @jointwork. `/jointwork help COMMAND` explains one command.")
	return b.String()
}
