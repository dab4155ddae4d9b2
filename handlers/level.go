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

// levelNames are the levels as advice names them.
var levelNames = map[string]string{
	rules.LevelLiaison:      "liaison and networking (level 1)",
	rules.LevelCoordination: "service co-ordination (level 2)",
	rules.LevelTeamwork:     "collaborative teamwork (level 3)",
}

func (h *Handlers) levelCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "level",
		Usage: "[liaison|coordination|teamwork|low|moderate|high]",
		Description: "The level of joint working (Limbrick): with no word, I ask how complex the needs are; with the complexity (low, moderate, high), " +
			"advice from it and the members and agencies of the case; with a level, set it on the card and the record.",
		Examples: []string{"/jointwork level", "/jointwork level high", "/jointwork level coordination"},
		Where:    bot.InCase, MaxArgs: 1,
		Run: h.level,
	}, h.matrixCommand(), h.identityCommand()}
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
	if word == "" {
		return []bot.Message{h.complexityQuestion(c)}, nil
	}
	if !complexities[word] {
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

// wording is how advice names the people at the centre of a case.
type wording struct{ who, needs, takePart string }

func caseWording(c *state.Case) wording {
	if c.Subject == "child" {
		return wording{who: "the child or young person and their family", needs: "the child's or young person's and family's needs",
			takePart: "How will the young person and their parents take part in the team's meetings and decisions?"}
	}
	return wording{who: "the person and any carer", needs: "the person's needs",
		takePart: "How will the person (and any carer) take part in the team's meetings and decisions?"}
}

// complexityQuestion asks how complex the needs are instead of assuming.
func (h *Handlers) complexityQuestion(c *state.Case) bot.Message {
	w := caseWording(c)
	floor := h.advice(c, "low")
	text := fmt.Sprintf("Level of joint working for case %s: how complex are %s? I won't assume they are low.\n"+
		"From its members alone (%s) it needs at least %s.", c.Ref, w.needs, plural(len(c.Members), "practitioner"), levelNames[floor.Level])
	m := bot.Message{Kind: bot.KindAnswer, Text: text, Context: "Rule tac.levels.continuum · current level: " + levelLine(c.Level)}
	for _, cx := range []string{"low", "moderate", "high"} {
		m.Buttons = append(m.Buttons, bot.Button{Label: strings.ToUpper(cx[:1]) + cx[1:], Command: "level " + cx})
	}
	return m
}

// adviceMessage is the advice at a complexity: at most five lines.
func (h *Handlers) adviceMessage(c *state.Case, complexity string) bot.Message {
	a := h.advice(c, complexity)
	w := caseWording(c)
	lines := []string{fmt.Sprintf("Suggested level for case %s (%s complexity): %s.", c.Ref, complexity, levelNames[a.Level]), levelMeaning(a.Level, w)}
	if a.Level == rules.LevelTeamwork {
		lines = append(lines, w.takePart)
	}
	lines = append(lines, "Review the level at transitions (leaving hospital, a move, a change of school or service) and in a crisis (tac.levels.continuum).")
	m := bot.Message{Kind: bot.KindAnswer, Text: strings.Join(lines, "\n"),
		Context: "Rule " + a.Rule + " · current level: " + levelLine(c.Level) + " · " + h.Book.Footer()}
	if a.Level != c.Level {
		m.Buttons = append(m.Buttons, bot.Button{Label: "Set level " + a.Level, Command: "level " + a.Level, Style: bot.StylePrimary})
	}
	m.Buttons = append(m.Buttons, bot.Button{Label: "Answer the matrix questions", Command: "level matrix"},
		bot.Button{Label: "Ask members whom they represent", Command: "level identity"})
	return m
}

// levelMeaning says what the level asks of practitioners, in the case's
// wording; level 1 only "might" be enough.
func levelMeaning(level string, w wording) string {
	switch level {
	case rules.LevelTeamwork:
		return "The key practitioners meet, share what they see and agree aims and approaches with " + w.who + "; this includes co-ordination and liaison."
	case rules.LevelCoordination:
		return "Fit appointments, assessments and reviews together so " + w.who + " spend less time, travel and stress on them; this includes liaison."
	}
	return "Liaison might be enough: keep in touch with the other practitioners and with " + w.who + ", and check it still fits as things change."
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
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, "The level of case "+c.Ref+" is already "+level+".")}, nil
	}
	h.refresh(ctx, r, c.Ref)
	return []bot.Message{{Kind: bot.KindEvent, Text: fmt.Sprintf("@%s set the level of joint working on case %s to %s (tac.level.%s).", r.Actor.Handle, c.Ref, level, level)}}, nil
}

// plural is "1 practitioner" or "3 practitioners".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
