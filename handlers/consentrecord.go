package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

// recordConsent writes the decision, its basis, rules and facts on the case
// and the timeline in one Update, ends the dialog and updates the card.
func (h *Handlers) recordConsent(ctx context.Context, r *bot.Request, c *state.Case, key string, f rules.Facts, dec rules.Decision) ([]bot.Message, error) {
	who := h.whoMustAct(c, dec)
	_, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if err := leadOnly(tx.Case, r.Actor.Handle, "record consent"); err != nil {
			return err
		}
		next := dec.NextStep
		if who != "" {
			next += " " + who
		}
		tx.Case.Consent = &state.Consent{Decision: dec.Decision, Basis: dec.Basis, Rules: dec.Rules,
			Facts: f.Pairs(), NextStep: next, RecordedBy: r.Actor.Handle, RecordedAt: tx.Now()}
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actConsent,
			Detail: decisionWords(dec.Decision) + "; facts " + strings.Join(f.Pairs(), " "),
			Basis:  basisText(dec.Basis, dec.Rules)})
		if h.Policy != nil {
			h.Policy.ConsentRecorded(tx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := h.Store.EndDialog(ctx, key); err != nil {
		h.Log.Warn("consent dialog not ended", "case", c.Ref, "err", err)
	}
	h.refresh(ctx, r, c.Ref)
	return []bot.Message{h.decisionMessage(c, r.Actor.Handle, f, dec, who)}, nil
}

// basisText is "consent (consent.required)" for the record's basis column.
func basisText(basis string, ruleIDs []string) string {
	s := basis
	if s == "" {
		s = "no lawful basis yet"
	}
	if len(ruleIDs) > 0 {
		s += " (" + strings.Join(ruleIDs, ", ") + ")"
	}
	return s
}

// decisionMessage shows the recorded decision in the case channel.
func (h *Handlers) decisionMessage(c *state.Case, actor string, f rules.Facts, dec rules.Decision, who string) bot.Message {
	m := bot.Message{Kind: bot.KindEvent, Title: "Consent decision for case " + c.Ref + ": " + decisionWords(dec.Decision),
		Text: dec.NextStep}
	if dec.Basis != "" {
		m.Fields = append(m.Fields, bot.Field{Label: "Basis", Value: dec.Basis})
	}
	m.Fields = append(m.Fields,
		bot.Field{Label: "Facts", Value: strings.Join(f.Pairs(), " ")},
		bot.Field{Label: "Rules", Value: strings.Join(dec.Rules, ", ")})
	if who != "" {
		m.Fields = append(m.Fields, bot.Field{Label: "Who must act", Value: who})
	}
	if dec.Note != "" {
		m.Fields = append(m.Fields, bot.Field{Label: "Law", Value: dec.Note})
	}
	switch dec.Decision {
	case rules.Permitted:
		m.Fields = append(m.Fields, bot.Field{Label: "Other agencies", Value: "may now be invited with a need-to-know reason: `/jointwork invite @user REASON`"})
	case rules.NotPermitted:
		m.Fields = append(m.Fields, bot.Field{Label: "Other agencies", Value: "cannot join this case"})
	}
	m.Context = "Recorded by @" + actor + " on the case timeline"
	return m
}

// whoMustAct says who must do what when the decision waits on a best
// interest decision, a capacity assessment or the person's answer.
func (h *Handlers) whoMustAct(c *state.Case, dec rules.Decision) string {
	if dec.Decision != rules.NeedsDecision {
		return ""
	}
	lead := "@" + c.Lead
	mgr := ""
	if m, ok := h.Directory.Manager(c.Lead); ok {
		mgr = " with their manager @" + m.Handle
	}
	has := func(k string) bool { return containsStr(dec.Missing, k) }
	switch {
	case has("best-interest"):
		return "The local authority must make a best interest decision: the case lead " + lead + mgr +
			" arranges and records it (consent.incapacity.best-interest), then `/jointwork consent best-interest=yes`."
	case has("attorney"):
		return "The case lead " + lead + " must find out whether there is a Deputy or Lasting Power of Attorney and what they decide, then `/jointwork consent attorney=none|consents|refuses`."
	case has("capacity"):
		return "The case lead " + lead + " (or the practitioner who knows the person best) must assess the person's capacity to consent under the MCA process, then `/jointwork consent capacity=yes|no`."
	case has("consent"):
		return "The case lead " + lead + " must ask the " + factSubject(c.Subject) + " whether they agree, then `/jointwork consent consent=yes|no`."
	}
	return ""
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (h *Handlers) consentWithdraw(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	reason := r.Tail(0)
	if err := checkText("reason", reason, maxReason, false); err != nil {
		return nil, err
	}
	var removed []state.Member
	var theirTasks []string
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		var err error
		removed, theirTasks, err = h.withdraw(tx, r.Actor.Handle, reason)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{bot.Private(r.Actor.Handle, "Consent on case "+c.Ref+" is already recorded as withdrawn.")}, nil
	}
	return h.afterWithdraw(ctx, r, c, reason, removed, theirTasks), nil
}

// withdraw records the withdrawal inside an Update and removes the members
// of other agencies unless a safeguarding enquiry is the basis.
func (h *Handlers) withdraw(tx *state.Tx, actor, reason string) ([]state.Member, []string, error) {
	c := tx.Case
	if err := leadOnly(c, actor, "record that consent was withdrawn"); err != nil {
		return nil, nil, err
	}
	if c.Consent == nil {
		return nil, nil, bot.Refusef("No consent is recorded on case %s, so there is nothing to withdraw. Record the decision with `/jointwork consent`.", c.Ref)
	}
	if c.Consent.Withdrawn {
		return nil, nil, errNoChange
	}
	now := tx.Now()
	c.Consent.Withdrawn, c.Consent.WithdrawnBy, c.Consent.WithdrawnReason, c.Consent.WithdrawnAt = true, actor, reason, now
	tx.Log(state.Entry{Actor: actor, Action: actWithdrawn, Detail: orDash(reason), Basis: "consent.required"})
	var removed []state.Member
	if c.Consent.Basis != rules.BasisSafeguarding {
		removed = h.removeOtherAgencies(tx, actor)
	}
	tasks, err := openTasksOf(tx, removed)
	if err != nil {
		return nil, nil, err
	}
	if h.Policy != nil {
		h.Policy.ConsentRecorded(tx)
	}
	return removed, tasks, nil
}

// removeOtherAgencies takes members of agencies other than the lead's off
// the case (and off the delegates), logging each.
func (h *Handlers) removeOtherAgencies(tx *state.Tx, actor string) []state.Member {
	c := tx.Case
	agency := h.leadAgency(c)
	var removed []state.Member
	for _, m := range c.Members {
		if m.Handle != c.Lead && m.Agency != agency {
			removed = append(removed, m)
		}
	}
	sort.Slice(removed, func(i, j int) bool { return removed[i].Handle < removed[j].Handle })
	for _, m := range removed {
		delete(c.Members, m.Handle)
		c.Delegates = without(c.Delegates, m.Handle)
		tx.Log(state.Entry{Actor: actor, Action: actMemberRemoved,
			Detail: fmt.Sprintf("@%s (%s): consent withdrawn", m.Handle, m.Agency), Basis: "consent.required"})
	}
	return removed
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// openTasksOf lists "T3 (@chris)" for the open tasks the members own.
func openTasksOf(tx *state.Tx, members []state.Member) ([]string, error) {
	if len(members) == 0 {
		return nil, nil
	}
	tasks, err := tx.Tasks()
	if err != nil {
		return nil, err
	}
	gone := map[string]bool{}
	for _, m := range members {
		gone[m.Handle] = true
	}
	var out []string
	for _, t := range tasks {
		if t.Open() && gone[t.Owner] {
			out = append(out, t.ID+" (@"+t.Owner+")")
		}
	}
	return out, nil
}

// afterWithdraw removes people from the channel, tells them and the lead,
// and updates the card.
func (h *Handlers) afterWithdraw(ctx context.Context, r *bot.Request, c *state.Case, reason string, removed []state.Member, tasks []string) []bot.Message {
	var failed []string
	for _, m := range removed {
		if err := r.Platform.Remove(ctx, c.Channel, m.Handle); err != nil {
			h.Log.Warn("member not removed from channel", "case", c.Ref, "member", m.Handle, "err", err)
			failed = append(failed, "@"+m.Handle)
		}
		h.send(ctx, r, bot.Message{To: dm(m.Handle), Kind: bot.KindEvent, Text: fmt.Sprintf(
			"Consent for case %s was withdrawn, so you have been removed from it. Please do not use or share what you learnt there beyond what the law allows.", c.Ref)})
	}
	h.refresh(ctx, r, c.Ref)
	text := withdrawText(c, r.Actor.Handle, reason, removed, tasks)
	if len(failed) > 0 {
		text += "\nI could not take " + strings.Join(failed, ", ") + " out of the channel: remove them by hand now."
	}
	msgs := []bot.Message{{Kind: bot.KindEvent, Text: text}}
	if r.Actor.Handle != c.Lead {
		msgs = append(msgs, bot.Message{To: dm(c.Lead), Kind: bot.KindEvent, Text: text})
	}
	return msgs
}

func withdrawText(c *state.Case, actor, reason string, removed []state.Member, tasks []string) string {
	text := fmt.Sprintf("Consent for case %s was withdrawn (recorded by @%s)", c.Ref, actor)
	if reason != "" {
		text += ": " + reason
	}
	text += "."
	switch {
	case c.Consent != nil && c.Consent.Basis == rules.BasisSafeguarding:
		text += " The basis is a safeguarding enquiry (consent.safeguarding), so members from other agencies stay for the enquiry."
	case len(removed) == 0:
		text += " Nobody from another agency was a member."
	default:
		var names []string
		for _, m := range removed {
			names = append(names, "@"+m.Handle+" ("+m.Agency+")")
		}
		text += " Removed from the case: " + strings.Join(names, ", ") + " (consent.required)."
	}
	if len(tasks) > 0 {
		text += " Their open tasks need a new owner: " + strings.Join(tasks, ", ") + "."
	}
	return text
}
