package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/rules"
)

func (h *Handlers) askCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "ask",
		Usage:       "QUESTION",
		Description: "Ask a joint-work question in your own words: the answer, the rule it rests on, its source and the next step.",
		Examples:    []string{"/jointwork ask does joint work need the person's consent?"},
		MinArgs:     1,
		MaxArgs:     -1,
		Run:         h.ask,
	}, {
		Name:        "rules show",
		Usage:       "ID",
		Description: "Show one rule of the rulebook: the answer, its source and section, and the next step.",
		Examples:    []string{"/jointwork rules show consent.safeguarding"},
		MinArgs:     1,
		MaxArgs:     1,
		Run:         h.rulesShow,
	}}
}

func (h *Handlers) rulesShow(_ context.Context, r *bot.Request) ([]bot.Message, error) {
	rule, ok := h.Book.Rule(strings.ToLower(r.Arg(0)))
	if !ok {
		return nil, bot.Refusef("There is no rule `%s`. Ask in your own words with `/jointwork ask …` to find one.", r.Arg(0))
	}
	return []bot.Message{AnswerMessage(rule, nil)}, nil
}

func (h *Handlers) ask(_ context.Context, r *bot.Request) ([]bot.Message, error) {
	a := h.Book.Ask(r.Tail(0), 3)
	if !a.Confident || len(a.Hits) == 0 {
		return []bot.Message{notSure(a)}, nil
	}
	return []bot.Message{AnswerMessage(a.Hits[0].Rule, a.Hits[1:])}, nil
}

// AnswerMessage renders one rule as an answer: plain words, the next step,
// the rule and its source, and related topics.
func AnswerMessage(rule *rules.Rule, others []rules.Hit) bot.Message {
	m := bot.Message{Kind: bot.KindAnswer, Title: rule.Title, Text: rule.Answer}
	if rule.NextStep != "" {
		m.Fields = append(m.Fields, bot.Field{Label: "Next step", Value: rule.NextStep})
	}
	if len(others) > 0 {
		var see []string
		for _, o := range others {
			see = append(see, fmt.Sprintf("%s (`%s`)", o.Rule.Title, o.Rule.ID))
		}
		m.Fields = append(m.Fields, bot.Field{Label: "See also", Value: strings.Join(see, "; ")})
	}
	m.Context = "Rule " + rule.ID + " · " + rule.Citation()
	return m
}

func notSure(a rules.Answer) bot.Message {
	text := "I'm not confident I have a rule that answers that, so I won't guess."
	if len(a.Suggestions) > 0 {
		var topics []string
		for _, s := range a.Suggestions {
			topics = append(topics, fmt.Sprintf("%s (`/jointwork rules show %s`)", s.Title, s.ID))
		}
		text += "\nClosest topics: " + strings.Join(topics, "; ")
	}
	text += "\nTry rephrasing, or type `/jointwork help` for what I can do."
	return bot.Message{Kind: bot.KindAnswer, Text: text}
}
