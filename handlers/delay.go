package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// urgentRE strips the optional "urgent needs:" label before the text.
var urgentRE = regexp.MustCompile(`(?i)^\s*urgent(\s+needs)?\s*:?\s*`)

func (h *Handlers) delayCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "delay",
		Usage: "UNTIL proceed|await [urgent needs: …]",
		Description: "Record your decision, with the person and any carer, about a delayed allocation: proceed with your own intervention " +
			"or await the other practitioner until UNTIL, and how urgent care and support needs are met meanwhile (delay.decision).",
		Examples: []string{"/jointwork delay 2026-12-07 await urgent needs: met by daily carer visits", "/jointwork delay +5d proceed urgent needs: none"},
		Where:    bot.InCase, MinArgs: 2, MaxArgs: -1,
		Run: h.delay,
	}}
}

func (h *Handlers) delay(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	until, next, err := h.dueAt(r, 0)
	if err != nil {
		return nil, err
	}
	decision := strings.ToLower(r.Arg(next))
	if decision != "proceed" && decision != "await" {
		return nil, bot.Refusef("Say proceed (go ahead with your own intervention) or await (wait for the other practitioner), not %q.", r.Arg(next))
	}
	urgent := urgentRE.ReplaceAllString(r.Tail(next+1), "")
	if err := checkText("urgent needs", urgent, maxReason, false); err != nil {
		return nil, err
	}
	d := state.Delay{Until: until, Decision: decision, UrgentNeeds: urgent, By: r.Actor.Handle}
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		d.At = tx.Now()
		tx.Case.Delays = append(tx.Case.Delays, d)
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actDelay,
			Detail: fmt.Sprintf("%s until %s; urgent needs: %s", decision, until.Format("2006-01-02"), urgentWords(urgent)), Basis: "delay.decision"})
		if h.Policy != nil {
			h.Policy.DelayRecorded(tx, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	h.refresh(ctx, r, c.Ref)
	return []bot.Message{h.delayMessage(c, d)}, nil
}

// urgentWords says whether urgent needs are met.
func urgentWords(urgent string) string {
	switch strings.ToLower(strings.TrimRight(urgent, ". ")) {
	case "":
		return "NOT RECORDED"
	case "none", "no", "n/a", "none known":
		return "none"
	}
	if strings.HasPrefix(strings.ToLower(urgent), "met ") {
		return urgent
	}
	return "met: " + urgent
}

func (h *Handlers) delayMessage(c *state.Case, d state.Delay) bot.Message {
	what := "await the other practitioner"
	if d.Decision == "proceed" {
		what = "proceed with their own intervention"
	}
	text := fmt.Sprintf("Delay decision on case %s: @%s will %s until %s.", c.Ref, d.By, what, h.day(d.Until))
	m := bot.Message{Kind: bot.KindEvent, Text: text, Fields: []bot.Field{{Label: "Urgent needs", Value: urgentWords(d.UrgentNeeds)}},
		Context: "Rule delay.decision · decide with the person and any carer"}
	if d.UrgentNeeds == "" {
		m.Fields = append(m.Fields, bot.Field{Label: "Please", Value: "make sure any urgent care and support needs are met meanwhile, and record how: " +
			"`/jointwork delay " + d.Until.Format("2006-01-02") + " " + d.Decision + " urgent needs: …`"})
	}
	return m
}

// delayLine is the card's summary of the last delay decision.
func (h *Handlers) delayLine(d state.Delay) string {
	return fmt.Sprintf("%s until %s (@%s); urgent needs: %s", d.Decision, h.day(d.Until), d.By, urgentWords(d.UrgentNeeds))
}
