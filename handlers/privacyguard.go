package handlers

import (
	"context"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/privacy"
)

// The privacy guard runs before every command's handler, on the whole raw
// text after the command name, so that no argument (free text, a date, a
// name, a reference) holding personal data is stored, sent on or echoed
// back in a refusal. A command that holds a case reference or a title is
// checked with the stricter reference guard: "943 476 5919 x" is seen
// whole, so it cannot open case 943.
//
// Exempt: concerns about a practitioner (they name the practitioner by
// design, go only to the whistleblowing officer and never reach a case
// timeline), questions to the rulebook (answered to the asker alone, never
// stored, logged or sent on) and help.

// guardExempt are the commands the guard does not read.
var guardExempt = map[string]bool{"concern": true, "help": true, "ask": true}

// guardRef are the commands whose arguments are a case reference and title.
var guardRef = map[string]bool{"case open": true}

// guardFields names the free text of a command in the refusal.
var guardFields = map[string]string{
	"task add": "task text", "request": "request text", "request decline": "reasons",
	"invite": "need-to-know reason", "remove": "reason", "delay": "delay decision",
	"escalate": "escalation text", "consent withdraw": "reason", "case close": "closing reason",
}

// guarded wraps each command's Run with the privacy guard.
func guarded(cmds []*bot.Command) []*bot.Command {
	for _, c := range cmds {
		if guardExempt[c.Name] || c.Run == nil {
			continue
		}
		run, name := c.Run, c.Name
		c.Run = func(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
			if err := checkPrivacy(name, r.Tail(0)); err != nil {
				return nil, err
			}
			return run(ctx, r)
		}
	}
	return cmds
}

// checkPrivacy refuses the raw arguments of command name when they seem to
// hold personal data; the refusal names the kind of data, never the text.
func checkPrivacy(name, raw string) error {
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	var err error
	if guardRef[name] {
		err = privacy.CheckRef("reference or title", raw)
	} else {
		field := guardFields[name]
		if field == "" {
			field = "text of /jointwork " + name
		}
		err = privacy.CheckText(field, raw)
	}
	if err != nil {
		return bot.Refusef("%s", err.Error())
	}
	return nil
}
