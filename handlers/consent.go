package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

// dialogConsent is the Dialog.Kind of the consent questions.
const dialogConsent = "consent"

func (h *Handlers) consentCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "consent",
		Usage: "[fact=value …]",
		Description: "Record the consent decision (case lead or delegate). Facts on the line are taken; the missing ones are asked one at a time. " +
			"Facts: subject, direct, capacity, consent, attorney, best-interest, safeguarding, same-agency, arranging-service; " +
			"for a child: age, capacity, competent, consent, parental-consent, child-protection.",
		Examples: []string{"/jointwork consent capacity=yes consent=yes direct=yes", "/jointwork consent"},
		Where:    bot.InCase, MaxArgs: 12,
		Run: h.consent,
	}, {
		Name:        "consent cancel",
		Description: "Stop the consent questions without recording anything.",
		Examples:    []string{"/jointwork consent cancel"},
		Where:       bot.InCase, MaxArgs: 0,
		Run: h.consentCancel,
	}, {
		Name:  "consent withdraw",
		Usage: "[reason]",
		Description: "Record that consent was withdrawn: members from other agencies are removed (unless a safeguarding enquiry is the basis) " +
			"and the case lead is told.",
		Examples: []string{"/jointwork consent withdraw the person withdrew consent by phone"},
		Where:    bot.InCase, MaxArgs: -1,
		Run: h.consentWithdraw, Slow: true,
	}}
}

// consentDialog returns the open consent dialog of case ref under key, or nil.
func (h *Handlers) consentDialog(ctx context.Context, key, ref string) (*state.Dialog, error) {
	d, err := h.Store.Dialog(ctx, key)
	if errors.Is(err, state.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("consent dialog: %w", err)
	}
	if d.Kind != dialogConsent || d.Case != ref {
		return nil, nil
	}
	return d, nil
}

func (h *Handlers) consent(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	if err := leadOnly(c, r.Actor.Handle, "record consent"); err != nil {
		return nil, err
	}
	key := bot.DialogKey(r.Event.Platform, r.Actor.Handle, r.Event.Place.Channel)
	d, err := h.consentDialog(ctx, key, c.Ref)
	if err != nil {
		return nil, err
	}
	if len(r.Args) == 1 && (strings.EqualFold(r.Args[0], "cancel") || strings.EqualFold(r.Args[0], "stop")) {
		return h.consentCancel(ctx, r)
	}
	answers, err := consentAnswers(c, d, r)
	if err != nil {
		return nil, err
	}
	facts, err := factsOf(answers)
	if err != nil {
		return nil, bot.Refusef("%s.", err)
	}
	dec := rules.Decide(facts)
	if next := nextMissing(dec, answers); dec.Decision == rules.NeedsDecision && next != "" {
		return h.askFact(ctx, key, c, answers, dec, next)
	}
	return h.recordConsent(ctx, r, c, key, facts, dec)
}

// consentAnswers gathers the facts so far: the open dialog's, else (when
// facts are given on the line) those of the recorded decision, plus the
// case's subject, plus what was typed now.
func consentAnswers(c *state.Case, d *state.Dialog, r *bot.Request) (map[string]string, error) {
	answers := map[string]string{}
	switch {
	case d != nil:
		for k, v := range d.Data {
			answers[k] = v
		}
	case len(r.Args) > 0 && c.Consent != nil && !c.Consent.Withdrawn:
		for _, p := range c.Consent.Facts {
			if k, v, ok := strings.Cut(p, "="); ok {
				answers[k] = v
			}
		}
	}
	if _, ok := answers["subject"]; !ok {
		answers["subject"] = factSubject(c.Subject)
	}
	var bare []string
	for _, a := range r.Args {
		k, v, ok := strings.Cut(a, "=")
		if !ok {
			bare = append(bare, a)
			continue
		}
		if _, err := (rules.Facts{}).Set(k, v); err != nil {
			return nil, bot.Refusef("%s.", err)
		}
		answers[canonKey(k)] = strings.ToLower(v)
	}
	if len(bare) > 0 {
		return answers, typedAnswer(d, strings.Join(bare, " "), answers)
	}
	return answers, nil
}

// typedAnswer takes a bare answer ("yes", or a button's label) to the
// dialog's current question.
func typedAnswer(d *state.Dialog, text string, answers map[string]string) error {
	if d == nil || d.Step == "" {
		return bot.Refusef("Give facts as key=value (for example `/jointwork consent capacity=yes consent=yes`), or type `/jointwork consent` to be asked one question at a time.")
	}
	q, _ := rules.FactQuestion(d.Step)
	v := strings.ToLower(strings.TrimSpace(text))
	for _, o := range q.Options {
		if strings.EqualFold(text, o.Label) {
			v = o.Value
		}
	}
	if _, err := (rules.Facts{}).Set(d.Step, v); err != nil {
		return bot.Refusef("%s.\n%s", err, q.Text)
	}
	answers[d.Step] = v
	return nil
}

// canonKey spells a fact key as the rulebook does ("best_interest" →
// "best-interest").
func canonKey(k string) string {
	if q, ok := rules.FactQuestion(k); ok {
		return q.Key
	}
	return strings.ToLower(k)
}

// factSubject maps the case subject to the consent fact: a carer and a
// child have their own rules (a child's rest on children's law: parental
// responsibility, the young person's own consent, child protection);
// anyone else is the person.
func factSubject(s string) string {
	switch s {
	case "carer", "child":
		return s
	}
	return "person"
}

func factsOf(answers map[string]string) (rules.Facts, error) {
	var f rules.Facts
	var err error
	for k, v := range answers {
		if f, err = f.Set(k, v); err != nil {
			return f, err
		}
	}
	return f, nil
}

// nextMissing is the first fact the decision still needs that has not been
// answered in this dialog ("" when they are exhausted).
func nextMissing(dec rules.Decision, answers map[string]string) string {
	for _, k := range dec.Missing {
		if _, ok := answers[k]; !ok {
			return k
		}
	}
	return ""
}

// askFact saves the dialog and asks the next question, with buttons for its
// answers and a form with every question still open.
func (h *Handlers) askFact(ctx context.Context, key string, c *state.Case, answers map[string]string, dec rules.Decision, next string) ([]bot.Message, error) {
	d := &state.Dialog{Kind: dialogConsent, Case: c.Ref, Step: next, Data: answers}
	if err := h.Store.SaveDialog(ctx, key, d, h.DialogTTL); err != nil {
		return nil, fmt.Errorf("consent dialog: %w", err)
	}
	q, _ := rules.FactQuestion(next)
	m := bot.Message{To: bot.Target{Kind: bot.Ephemeral}, Case: c.Ref, Title: "Consent for case " + c.Ref, Text: q.Text + "\nType your answer (" + optionValues(q) + ") or press a button; `/jointwork consent cancel` stops."}
	for _, o := range q.Options {
		m.Buttons = append(m.Buttons, bot.Button{Label: o.Label, Command: "consent " + q.Key + "=" + o.Value})
	}
	form := &bot.Form{Title: "Consent for case " + c.Ref, Command: "consent"}
	for _, k := range dec.Missing {
		if _, done := answers[k]; !done {
			form.Questions = append(form.Questions, formQuestion(k))
		}
	}
	m.Form = form
	return []bot.Message{m}, nil
}

func optionValues(q rules.Question) string {
	vals := make([]string, len(q.Options))
	for i, o := range q.Options {
		vals[i] = o.Value
	}
	return strings.Join(vals, ", ")
}

func formQuestion(key string) bot.Question {
	q, _ := rules.FactQuestion(key)
	out := bot.Question{Key: q.Key, Text: q.Text}
	for _, o := range q.Options {
		out.Options = append(out.Options, bot.Option{Value: o.Value, Label: o.Label})
	}
	return out
}

func (h *Handlers) consentCancel(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	key := bot.DialogKey(r.Event.Platform, r.Actor.Handle, r.Event.Place.Channel)
	if err := h.Store.EndDialog(ctx, key); err != nil {
		return nil, fmt.Errorf("consent cancel: %w", err)
	}
	return []bot.Message{bot.Private(r.Actor.Handle, "Stopped the consent questions; nothing was recorded.")}, nil
}
