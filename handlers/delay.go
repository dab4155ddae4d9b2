package handlers

import (
	"context"
	"fmt"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// actDelayFix is the timeline action of a corrected delay decision.
const actDelayFix = "delay decision corrected"

func (h *Handlers) delayCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "delay",
		Usage: "UNTIL proceed|await agreed: yes|no WHY|not-possible WHY; urgent needs: none|HOW THEY ARE MET",
		Description: "Record your decision about a delayed allocation (the practitioner who requested the joint work, or the case lead): proceed with " +
			"your own intervention or await the other practitioner until UNTIL; whether it was agreed with the person and any carer; and how urgent " +
			"care and support needs are met meanwhile, or that there are none (delay.decision). The same decision again corrects it.",
		Examples: []string{"/jointwork delay 2026-12-07 await agreed: yes; urgent needs: daily carer visits cover meals and medication",
			"/jointwork delay +5d proceed agreed: not-possible he is in hospital and too unwell to discuss it; urgent needs: none"},
		Where: bot.InCase, MinArgs: 2, MaxArgs: -1,
		Run: h.delay,
	}}
}

func (h *Handlers) delay(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	if err := h.mayDecideDelay(ctx, c, r.Actor.Handle); err != nil {
		return nil, err
	}
	d, err := h.parseDelay(r)
	if err != nil {
		return nil, err
	}
	corrected := false
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		d.At = tx.Now()
		corrected = h.putDelay(tx, &d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	h.refresh(ctx, r, c.Ref)
	return []bot.Message{h.delayMessage(c, d, corrected)}, nil
}

// putDelay appends a new decision (the manager is told once, through the
// policy) or, when the same person records the same decision and date
// again, replaces the last one as a correction: no second ping.
func (h *Handlers) putDelay(tx *state.Tx, d *state.Delay) bool {
	ds := tx.Case.Delays
	detail := fmt.Sprintf("%s until %s; agreed with the person and any carer: %s; urgent needs: %s",
		d.Decision, d.Until.Format("2006-01-02"), agreedWords(*d), urgentWords(d.UrgentNeeds))
	if n := len(ds); n > 0 && sameDecision(ds[n-1], *d) {
		d.At = ds[n-1].At // the decision's time stays, so its schedule stays valid
		ds[n-1] = *d
		tx.Log(state.Entry{Actor: d.By, Action: actDelayFix, Detail: detail, Basis: "delay.decision"})
		return true
	}
	tx.Case.Delays = append(ds, *d)
	tx.Log(state.Entry{Actor: d.By, Action: actDelay, Detail: detail, Basis: "delay.decision"})
	if h.Policy != nil {
		h.Policy.DelayRecorded(tx, *d)
	}
	return false
}

// sameDecision reports whether b restates a's decision (same person,
// proceed/await and date), so b corrects a rather than making a new one.
func sameDecision(a, b state.Delay) bool {
	return a.By == b.By && a.Decision == b.Decision && a.Until.Equal(b.Until)
}

// mayDecideDelay allows the case lead (or a delegate) and the practitioners
// who sent a formal request for joint work on the case.
func (h *Handlers) mayDecideDelay(ctx context.Context, c *state.Case, actor string) error {
	if canLead(c, actor) {
		return nil
	}
	reqs, err := h.Store.Requests(ctx, c.Ref)
	if err != nil {
		return fmt.Errorf("delay: requests of %s: %w", c.Ref, err)
	}
	for _, q := range reqs {
		if q.From == actor {
			return nil
		}
	}
	return bot.Refusef("Only the practitioner who requested the joint work, or the case lead (@%s), decides about a delay on case %s (delay.decision). "+
		"Tell them what you know.", c.Lead, c.Ref)
}

func (h *Handlers) delayMessage(c *state.Case, d state.Delay, corrected bool) bot.Message {
	what := "await the other practitioner"
	if d.Decision == "proceed" {
		what = "proceed with their own intervention"
	}
	text := fmt.Sprintf("Delay decision on case %s: @%s will %s until %s.", c.Ref, d.By, what, h.day(d.Until))
	if corrected {
		text = fmt.Sprintf("Delay decision on case %s corrected: @%s will %s until %s (the manager was told of the decision once).", c.Ref, d.By, what, h.day(d.Until))
	}
	return bot.Message{Kind: bot.KindEvent, Text: text, Fields: []bot.Field{
		{Label: "Agreed with the person and any carer", Value: agreedWords(d)},
		{Label: "Urgent needs", Value: urgentWords(d.UrgentNeeds)}},
		Context: "Rule delay.decision · decided with the person and any carer; urgent needs are met meanwhile"}
}

// delayLine is the card's summary of the last delay decision.
func (h *Handlers) delayLine(d state.Delay) string {
	return fmt.Sprintf("%s until %s (@%s); agreed: %s; urgent needs: %s", d.Decision, h.day(d.Until), d.By, agreedWords(d), urgentWords(d.UrgentNeeds))
}
