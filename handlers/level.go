package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

// levels maps what people type to the level names of the rulebook.
var levels = map[string]string{
	"liaison": "liaison", "1": "liaison", "networking": "liaison",
	"coordination": "coordination", "co-ordination": "coordination", "2": "coordination",
	"teamwork": "teamwork", "collaborative": "teamwork", "3": "teamwork",
}

// complexities are the words that ask for advice at a given complexity.
var complexities = map[string]bool{"low": true, "moderate": true, "high": true}

func (h *Handlers) levelCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "level",
		Usage: "[liaison|coordination|teamwork|low|moderate|high]",
		Description: "The level of joint working (Limbrick): with no word, or with the complexity of the needs (low, moderate, high), " +
			"advice from the members and agencies of the case; with a level, set it on the card and the record.",
		Examples: []string{"/jointwork level", "/jointwork level high", "/jointwork level coordination"},
		Where:    bot.InCase, MaxArgs: 1,
		Run: h.level,
	}}
}

func (h *Handlers) level(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	word := strings.ToLower(r.Arg(0))
	if lv, ok := levels[word]; ok {
		return h.setLevel(ctx, r, c, lv)
	}
	if word != "" && !complexities[word] {
		return nil, bot.Refusef("%q is not a level or a complexity. Use liaison, coordination or teamwork to set the level, or low, moderate or high for advice.", r.Arg(0))
	}
	return []bot.Message{h.adviceMessage(c, word)}, nil
}

// advice asks the rulebook for the level that fits the case's members.
func (h *Handlers) advice(c *state.Case, complexity string) rules.LevelAdvice {
	agencies := map[string]bool{}
	for _, m := range c.Members {
		agencies[m.Agency] = true
	}
	return rules.AdviseLevel(rules.LevelInput{Agencies: len(agencies), Practitioners: len(c.Members), Complexity: complexity})
}

func (h *Handlers) adviceMessage(c *state.Case, complexity string) bot.Message {
	a := h.advice(c, complexity)
	text := fmt.Sprintf("Suggested level for case %s: %s. %s", c.Ref, a.Level, a.Meaning)
	if complexity == "" {
		text += "\nAdd the complexity of the needs for better advice: `/jointwork level low|moderate|high`."
	}
	m := bot.Message{Kind: bot.KindAnswer, Text: text, Context: "Rule " + a.Rule + " · current level: " + levelLine(c.Level)}
	for i, q := range a.Questions {
		m.Fields = append(m.Fields, bot.Field{Label: fmt.Sprintf("Ask yourself %d", i+1), Value: q})
	}
	if a.Level != c.Level {
		m.Buttons = []bot.Button{{Label: "Set level " + a.Level, Command: "level " + a.Level, Style: bot.StylePrimary}}
	}
	return m
}

func (h *Handlers) setLevel(ctx context.Context, r *bot.Request, c *state.Case, level string) ([]bot.Message, error) {
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if tx.Case.Level == level {
			return errNoChange
		}
		before := tx.Case.Level
		tx.Case.Level = level
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actLevel, Detail: orDash(before) + " → " + level, Basis: "tac.level." + level})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{bot.Private(r.Actor.Handle, "The level of case "+c.Ref+" is already "+level+".")}, nil
	}
	h.refresh(ctx, r, c.Ref)
	return []bot.Message{{Kind: bot.KindEvent, Text: fmt.Sprintf("@%s set the level of joint working on case %s to %s (tac.level.%s).", r.Actor.Handle, c.Ref, level, level)}}, nil
}
