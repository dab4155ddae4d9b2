package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/privacy"
	"github.com/jointwork/jointwork/bot/state"
)

// actMatrix is the timeline action of answers to the matrix questions.
const actMatrix = "matrix answered"

// matrixKeys are the three matrix questions (tac.matrix), in order, with
// the question and how the record labels the answer.
var matrixKeys = []struct{ key, question, label string }{
	{"liaise", "Whom should I be liaising and networking with now?", "liaise with"},
	{"coordinate", "Whose appointments, assessments and reviews should I co-ordinate with mine?", "co-ordinate with"},
	{"collaborate", "Whom should I be collaborating closely with?", "collaborate with"},
}

// matrixRE finds "liaise=", "coordinate=" and "collaborate=" in a line.
var matrixRE = regexp.MustCompile(`(?i)\b(liaise|coordinate|co-ordinate|collaborate)\s*=`)

func (h *Handlers) matrixCommand() *bot.Command {
	return &bot.Command{
		Name:  "level matrix",
		Usage: "[liaise=WHO] [coordinate=WHO] [collaborate=WHO]",
		Description: "The three questions of the matrix of shared responsibility (tac.matrix): with no answers, the questions (a form in Slack " +
			"and Teams); with answers, they are kept on the case record.",
		Examples: []string{"/jointwork level matrix liaise=GP and pharmacist coordinate=district nurse collaborate=OT"},
		Where:    bot.InCase, MaxArgs: -1,
		Run: h.matrix,
	}
}

func (h *Handlers) identityCommand() *bot.Command {
	return &bot.Command{
		Name:        "level identity",
		Description: "Ask every member of the case to be clear whom they represent when they meet the person or family (tac.identity).",
		Examples:    []string{"/jointwork level identity"},
		Where:       bot.InCase, MaxArgs: 0,
		Run: h.identity,
	}
}

func (h *Handlers) matrix(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	answers, err := parseMatrix(r.Tail(0))
	if err != nil {
		return nil, err
	}
	if len(answers) == 0 {
		return []bot.Message{matrixForm(c)}, nil
	}
	var parts []string
	for _, q := range matrixKeys {
		if a, ok := answers[q.key]; ok {
			parts = append(parts, q.label+": "+a)
		}
	}
	detail := strings.Join(parts, "; ")
	if _, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actMatrix, Detail: detail, Basis: "tac.matrix"})
		return nil
	}); err != nil {
		return nil, err
	}
	return []bot.Message{{Kind: bot.KindEvent, Text: fmt.Sprintf("@%s answered the matrix questions on case %s (tac.matrix): %s.", r.Actor.Handle, c.Ref, detail),
		Context: "Kept on the case record"}}, nil
}

// parseMatrix reads key=answer pairs (answers run to the next key; Teams
// sends spaces as underscores) and checks each answer.
func parseMatrix(line string) (map[string]string, error) {
	line = strings.TrimSpace(line)
	locs := matrixRE.FindAllStringSubmatchIndex(line, -1)
	if line != "" && (len(locs) == 0 || strings.TrimSpace(line[:locs[0][0]]) != "") {
		return nil, bot.Refusef("Answer as liaise=WHO, coordinate=WHO or collaborate=WHO, for example `/jointwork level matrix liaise=GP and pharmacist`.")
	}
	out := map[string]string{}
	for i, l := range locs {
		end := len(line)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		key := strings.ReplaceAll(strings.ToLower(line[l[2]:l[3]]), "co-ordinate", "coordinate")
		val := strings.Join(strings.Fields(strings.ReplaceAll(line[l[1]:end], "_", " ")), " ")
		val = strings.TrimRight(val, " ;,")
		if val == "" {
			return nil, bot.Refusef("Please add whom for %s=.", key)
		}
		if err := checkText(key+" answer", val, maxReason, true); err != nil {
			return nil, err
		}
		if err := privacy.CheckText(key+" answer", val); err != nil {
			return nil, bot.Refusef("%s", err)
		}
		out[key] = val
	}
	return out, nil
}

// matrixForm asks the three questions: a form where the platform has
// forms, else one button with a text input per question.
func matrixForm(c *state.Case) bot.Message {
	form := &bot.Form{Title: "Matrix questions, case " + c.Ref, Command: "level matrix"}
	lines := []string{"The matrix of shared responsibility (tac.matrix) for case " + c.Ref + ": name roles or services, not the person."}
	m := bot.Message{Kind: bot.KindAnswer}
	for _, q := range matrixKeys {
		form.Questions = append(form.Questions, bot.Question{Key: q.key, Text: q.question})
		lines = append(lines, "• "+q.question+" (`"+q.key+"=`)")
		m.Buttons = append(m.Buttons, bot.Button{Label: strings.ToUpper(q.label[:1]) + q.label[1:] + "…", Command: "level matrix " + q.key + "=",
			Input: &bot.Input{Label: "Who", Placeholder: q.question + " Roles or services, e.g. GP, district nurse"}})
	}
	m.Text, m.Form = strings.Join(lines, "\n"), form
	return m
}

// identity asks the members, in the case channel, whom they represent.
func (h *Handlers) identity(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	who := "the person"
	if c.Subject == "child" {
		who = "the family"
	}
	return []bot.Message{{To: toCase(c), Kind: bot.KindEvent,
		Text: fmt.Sprintf("@%s asks every member of case %s: when you meet %s, say plainly whom you speak for (yourself, your team, your service, "+
			"your agency or the whole local system) and where what they tell you will go.", r.Actor.Handle, c.Ref, who),
		Context: h.ruleContext("tac.identity")}}, nil
}

// ruleContext is "Rule ID · Source: … (rulebook VERSION)".
func (h *Handlers) ruleContext(id string) string {
	if rule, ok := h.Book.Rule(id); ok {
		return "Rule " + id + " · " + h.Book.CitationLine(rule)
	}
	return "Rule " + id
}
