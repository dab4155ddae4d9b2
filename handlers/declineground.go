package handlers

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// Grounds on which a formal request may be declined
// (law.formal-request.decline): co-operating would prevent the recipient
// carrying out its own duties, or exercising its other functions.
const (
	groundDuties    = "duties"
	groundFunctions = "functions"
)

// groundWords maps what is typed (or sent by a button) to a ground.
var groundWords = map[string]string{
	"duties": groundDuties, "duty": groundDuties, "own-duties": groundDuties,
	"functions": groundFunctions, "function": groundFunctions, "other-functions": groundFunctions,
}

// groundText is how a ground reads in messages and on the record.
var groundText = map[string]string{
	groundDuties:    "it would prevent us carrying out our own duties",
	groundFunctions: "it would prevent us exercising our other functions",
}

// Shortest reasons a decline accepts: "too busy!!!" explains nothing.
const (
	minReasonWords   = 5
	minReasonLetters = 20
)

// declineButtons are the recipient's two decline buttons, one per ground,
// each asking for the written reasons.
func declineButtons(id string) []bot.Button {
	in := func() *bot.Input {
		return &bot.Input{Label: "Reasons", Placeholder: "Why, in a sentence or two (the requester gets these reasons)"}
	}
	return []bot.Button{
		{Label: "Decline: our own duties", Command: "request decline " + id + " " + groundDuties, Style: bot.StyleDanger, Input: in()},
		{Label: "Decline: our other functions", Command: "request decline " + id + " " + groundFunctions, Style: bot.StyleDanger, Input: in()},
	}
}

// splitGround reads "duties REASONS…" into the ground and the reasons; the
// ground is "" when the first word names none.
func splitGround(tail string) (ground, reasons string) {
	tail = strings.TrimSpace(tail)
	first, rest, _ := strings.Cut(tail, " ")
	g, ok := groundWords[strings.ToLower(strings.TrimRight(first, ":,;."))]
	if !ok {
		return "", tail
	}
	return g, strings.TrimSpace(rest)
}

// checkDecline refuses a decline that names no ground or whose reasons are
// only a few words, quoting the rule.
func (h *Handlers) checkDecline(q *state.Request, ground, reasons string) error {
	usage := fmt.Sprintf("Type: `/jointwork request decline %s %s duties|functions REASONS…`", q.Case, q.ID)
	quote := h.ruleQuote(declineRule, "A recipient may decline a formal request only where co-operating would prevent it carrying out its own duties or other functions, and must give written reasons.")
	if ground == "" {
		return bot.Refusef("A decline needs written reasons and its ground, so it was not recorded. Name the ground first: duties (it would prevent you "+
			"carrying out your own duties) or functions (it would prevent you exercising your other functions). %s\n%s", quote, usage)
	}
	if err := checkText("reasons", reasons, maxReasons, false); err != nil {
		return err
	}
	if !enoughReasons(reasons) {
		return bot.Refusef("A decline needs written reasons the requester can act on (a sentence, at least %d words), so it was not recorded. %s\n%s",
			minReasonWords, quote, usage)
	}
	return nil
}

// enoughReasons reports whether reasons have enough words and letters to
// explain anything.
func enoughReasons(reasons string) bool {
	words, letters := 0, 0
	for _, w := range strings.Fields(reasons) {
		n := 0
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
		if n > 0 {
			words++
			letters += n
		}
	}
	return words >= minReasonWords && letters >= minReasonLetters
}
