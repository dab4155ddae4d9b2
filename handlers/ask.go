package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

func (h *Handlers) askCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "ask",
		Usage:       "QUESTION",
		Description: "Ask a joint-work question in your own words: the answer, the rule it rests on, its source and the next step; 👍 / 👎 tell us whether it helped.",
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
	}, {
		Name:        "topics",
		Usage:       "ID…",
		Description: "Show the other topics closest to a question (the \"Show other topics\" button).",
		MinArgs:     1,
		MaxArgs:     5,
		Run:         h.topics,
		Hidden:      true,
	}}
}

func (h *Handlers) rulesShow(_ context.Context, r *bot.Request) ([]bot.Message, error) {
	rule, ok := h.Book.Rule(strings.ToLower(r.Arg(0)))
	if !ok {
		return nil, bot.Refusef("There is no rule `%s`. Ask in your own words with `/jointwork ask …` to find one.", r.Arg(0))
	}
	return []bot.Message{h.AnswerMessage(rule, nil)}, nil
}

func (h *Handlers) ask(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	if msgs, ok, err := h.typedReply(ctx, r); ok || err != nil {
		return msgs, err
	}
	a := h.Book.Ask(r.Tail(0), 3)
	var msgs []bot.Message
	if a.Decision != nil {
		msgs = append(msgs, h.scenarioMessage(a))
	}
	rule, m := h.bandMessage(a)
	msgs = append(msgs, m)
	last := &msgs[len(msgs)-1]
	last.Buttons = append(last.Buttons, voteButtons(rule, a.Band)...)
	last.Context = joinContext(last.Context, rules.Disclaimer)
	var others []string
	if a.Band == rules.BandUnsure && len(a.Suggestions) > 1 {
		others = ids(a.Suggestions[1:])
	}
	h.rememberAnswer(ctx, r.Actor.Handle, state.LastAnswer{Rule: rule, Band: a.Band, Others: others}, r.Tail(0))
	return msgs, nil
}

// bandMessage renders the answer by its band and returns the rule a vote
// on it counts for. A consent decision in band unknown is followed by the
// rules it rests on instead of "I don't know" (decisionTopics).
func (h *Handlers) bandMessage(a rules.Answer) (string, bot.Message) {
	switch {
	case a.Band == rules.BandAnswer && len(a.Hits) > 0:
		return a.Hits[0].Rule.ID, h.answerOnly(a.Hits[0].Rule, a.Hits[1:])
	case a.Band == rules.BandUnsure && len(a.Suggestions) > 0:
		top := a.Suggestions[0]
		m := h.answerOnly(top, nil)
		m.Title = "I think you mean: " + top.Title
		m.Buttons = []bot.Button{{Label: "Yes", Command: "feedback yes " + top.ID + " " + rules.BandUnsure, Style: bot.StylePrimary}}
		if others := ids(a.Suggestions[1:]); len(others) > 0 {
			m.Buttons = append(m.Buttons, bot.Button{Label: "Show other topics", Command: "topics " + strings.Join(others, " ")})
		}
		return top.ID, m
	case a.Decision != nil && a.Band == rules.BandUnknown:
		return h.decisionTopics(a)
	}
	m := bot.Message{Kind: bot.KindAnswer, Title: "I don't know",
		Text: "I have no confident answer to that, so I won't guess.\n" + topicList("Closest topics", a.Suggestions) +
			"\nTry rephrasing, or type `/jointwork help` for what I can do.",
		Context: "Rulebook " + h.Book.Version()}
	rule := "none"
	if len(a.Suggestions) > 0 {
		rule = a.Suggestions[0].ID
	}
	return rule, m
}

// decisionTopics follows a consent decision when no single rule is a
// confident answer: the decision already answers, so instead of "I don't
// know" it lists the rules the decision rests on, those closest to the
// question first, and returns the rule a vote counts for.
func (h *Handlers) decisionTopics(a rules.Answer) (string, bot.Message) {
	var rs []*rules.Rule
	seen := map[string]bool{}
	add := func(r *rules.Rule) {
		if r != nil && !seen[r.ID] && len(rs) < 3 {
			seen[r.ID] = true
			rs = append(rs, r)
		}
	}
	for _, r := range a.Suggestions { // the decision's rules the question is closest to first
		if slices.Contains(a.Decision.Rules, r.ID) {
			add(r)
		}
	}
	for _, id := range a.Decision.Rules {
		r, _ := h.Book.Rule(id)
		add(r)
	}
	m := bot.Message{Kind: bot.KindAnswer, Title: "The rules behind that decision",
		Text: topicList("Read more", rs), Context: "Rulebook " + h.Book.Version()}
	if len(rs) == 0 {
		return "none", m
	}
	return rs[0].ID, m
}

// scenarioMessage answers a question that states consent facts with the
// consent decision: decision, basis, rules and next step.
func (h *Handlers) scenarioMessage(a rules.Answer) bot.Message {
	d := a.Decision
	m := bot.Message{Kind: bot.KindAnswer, Title: "Consent decision for what you describe: " + decisionWords(d.Decision), Text: d.NextStep}
	if d.Basis != "" {
		m.Fields = append(m.Fields, bot.Field{Label: "Basis", Value: d.Basis})
	}
	m.Fields = append(m.Fields, bot.Field{Label: "Facts read", Value: strings.Join(a.Facts.Pairs(), " ")},
		bot.Field{Label: "Rules", Value: strings.Join(d.Rules, ", ")})
	if len(d.Missing) > 0 {
		m.Fields = append(m.Fields, bot.Field{Label: "Still needed", Value: strings.Join(d.Missing, ", ") + " (record the decision with `/jointwork consent` in the case channel)"})
	}
	if d.Note != "" {
		m.Fields = append(m.Fields, bot.Field{Label: "Law", Value: d.Note})
	}
	m.Context = "Rulebook " + h.Book.Version()
	return m
}

// AnswerMessage renders one rule as an answer: plain words, the next step,
// the rule and its source with the rulebook version, related topics, and
// the one-line disclaimer.
func (h *Handlers) AnswerMessage(rule *rules.Rule, others []rules.Hit) bot.Message {
	m := h.answerOnly(rule, others)
	m.Context = joinContext(m.Context, rules.Disclaimer)
	return m
}

// answerOnly is AnswerMessage without the disclaimer (added once per reply).
func (h *Handlers) answerOnly(rule *rules.Rule, others []rules.Hit) bot.Message {
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
	m.Context = "Rule " + rule.ID + " · " + h.Book.CitationLine(rule)
	return m
}

// topics shows the other closest topics (the "Show other topics" button).
func (h *Handlers) topics(_ context.Context, r *bot.Request) ([]bot.Message, error) {
	return h.topicsMessage(r.Args)
}

// topicsMessage lists the rules named by ids, with a button for each.
func (h *Handlers) topicsMessage(idList []string) ([]bot.Message, error) {
	var found []*rules.Rule
	for _, id := range idList {
		if rule, ok := h.Book.Rule(strings.ToLower(id)); ok {
			found = append(found, rule)
		}
	}
	if len(found) == 0 {
		return nil, bot.Refusef("None of those is a rule. Ask in your own words with `/jointwork ask …`.")
	}
	m := bot.Message{Kind: bot.KindAnswer, Text: topicList("Other topics", found), Context: h.Book.Footer()}
	for _, rule := range found {
		m.Buttons = append(m.Buttons, bot.Button{Label: rule.Title, Command: "rules show " + rule.ID})
	}
	return []bot.Message{m}, nil
}

// topicList lists rules with the command that shows each.
func topicList(head string, rs []*rules.Rule) string {
	if len(rs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(head + ":")
	for _, s := range rs {
		fmt.Fprintf(&b, "\n• %s (`/jointwork rules show %s`)", s.Title, s.ID)
	}
	return b.String()
}

func ids(rs []*rules.Rule) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// joinContext adds a note to a message's footnote.
func joinContext(ctx, note string) string {
	if ctx == "" {
		return note
	}
	return ctx + " · " + note
}
