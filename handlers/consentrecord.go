package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

// recordConsent writes the decision, its basis, rules and facts on the case
// and the timeline in one Update, ends the dialog and updates the card.
func (h *Handlers) recordConsent(ctx context.Context, r *bot.Request, c *state.Case, key string, f rules.Facts, dec rules.Decision) ([]bot.Message, error) {
	who := h.whoMustAct(c, dec)
	var out takenOut
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
		var err error
		if out, err = h.reapply(tx, r.Actor.Handle, "consent "+decisionWords(dec.Decision)+": "+basisText(dec.Basis, dec.Rules)); err != nil {
			return err
		}
		if h.Policy != nil {
			h.Policy.ConsentRecorded(tx)
			if len(out.People) > 0 {
				h.Policy.BasisNarrowed(tx, r.Actor.Handle)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := h.Store.EndDialog(ctx, key); err != nil {
		h.Log.Warn("consent dialog not ended", "case", c.Ref, "err", err)
	}
	lines := h.afterTakeOut(ctx, r.Platform, c, out)
	h.refresh(ctx, r, c.Ref)
	m := h.decisionMessage(c, r.Actor.Handle, f, dec, who)
	if len(out.People) > 0 {
		m.Fields = append(m.Fields, bot.Field{Label: "Taken off the case", Value: takenOutLine(out)})
	}
	if len(lines) > 0 {
		m.Text += "\n" + strings.Join(lines, "\n")
	}
	return []bot.Message{m}, nil
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
		m.Fields = append(m.Fields, bot.Field{Label: "Who may join", Value: joinLine(dec.Basis)})
	case rules.NotPermitted:
		m.Fields = append(m.Fields, bot.Field{Label: "Who may join", Value: "nobody but the case lead and their delegates"})
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
	var out takenOut
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		var err error
		out, err = h.withdraw(tx, r.Actor.Handle, reason)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, "Consent on case "+c.Ref+" is already recorded as withdrawn.")}, nil
	}
	return h.afterWithdraw(ctx, r, c, reason, out), nil
}

// withdraw records the withdrawal inside an Update, keeps a basis that does
// not rest on consent (a safeguarding enquiry: recorded, or what the
// recorded facts give with consent=no) and re-applies the disclosure rule.
func (h *Handlers) withdraw(tx *state.Tx, actor, reason string) (takenOut, error) {
	c := tx.Case
	if err := leadOnly(c, actor, "record that consent was withdrawn"); err != nil {
		return takenOut{}, err
	}
	if c.Consent == nil {
		return takenOut{}, bot.Refusef("No consent is recorded on case %s, so there is nothing to withdraw. Record the decision with `/jointwork consent`.", c.Ref)
	}
	if c.Consent.Withdrawn {
		return takenOut{}, errNoChange
	}
	now := tx.Now()
	c.Consent.Withdrawn, c.Consent.WithdrawnBy, c.Consent.WithdrawnReason, c.Consent.WithdrawnAt = true, actor, reason, now
	why := "consent withdrawn (consent.required)"
	if b := basisWithoutConsent(c.Consent); b != "" {
		if b != c.Consent.Basis {
			c.Consent.Basis = b
		}
		why = "consent withdrawn; basis now " + b + " (consent.safeguarding)"
	}
	tx.Log(state.Entry{Actor: actor, Action: actWithdrawn, Detail: orDash(reason), Basis: why})
	out, err := h.reapply(tx, actor, why)
	if err != nil {
		return out, err
	}
	out.Basis = basisWithoutConsent(c.Consent)
	if h.Policy != nil {
		h.Policy.ConsentRecorded(tx)
	}
	return out, nil
}

// basisWithoutConsent is the basis still standing once consent is withdrawn:
// a recorded safeguarding enquiry, or a safeguarding enquiry that the
// recorded facts give with consent=no; "" when none.
func basisWithoutConsent(cs *state.Consent) string {
	if cs.Decision != rules.Permitted {
		return ""
	}
	if cs.Basis == rules.BasisSafeguarding {
		return cs.Basis
	}
	f, err := rules.ParseFacts(cs.Facts)
	if err != nil {
		return ""
	}
	if f, err = f.Set("consent", "no"); err != nil {
		return ""
	}
	if d := rules.Decide(f.WithDefaults()); d.Decision == rules.Permitted && d.Basis == rules.BasisSafeguarding {
		return d.Basis
	}
	return ""
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

// afterWithdraw acts on the re-application (channel removals, notices),
// updates the card and tells the channel and the lead.
func (h *Handlers) afterWithdraw(ctx context.Context, r *bot.Request, c *state.Case, reason string, out takenOut) []bot.Message {
	lines := h.afterTakeOut(ctx, r.Platform, c, out)
	h.refresh(ctx, r, c.Ref)
	text := withdrawText(c, r.Actor.Handle, reason, out)
	if len(lines) > 0 {
		text += "\n" + strings.Join(lines, "\n")
	}
	msgs := []bot.Message{{Kind: bot.KindEvent, Text: text, Case: c.Ref}}
	if r.Actor.Handle != c.Lead {
		msgs = append(msgs, bot.Message{To: dm(c.Lead), Kind: bot.KindEvent, Text: text, Case: c.Ref})
	}
	return msgs
}

// joinLine says whom a permitted basis lets the lead invite.
func joinLine(basis string) string {
	if basis == rules.BasisAssumed {
		return "colleagues of the case lead's own agency only (assumed consent never covers another agency): `/jointwork invite @user REASON`"
	}
	return "colleagues and other agencies, each with a need-to-know reason: `/jointwork invite @user REASON`"
}

// takenOutLine lists who a re-application took off, with what followed.
func takenOutLine(out takenOut) string {
	var parts []string
	for _, p := range out.People {
		parts = append(parts, "@"+p.Handle+" ("+p.Agency+")")
	}
	s := strings.Join(parts, ", ")
	for _, q := range out.Requests {
		s += "; request " + q.ID + " withdrawn"
	}
	if len(out.Unassigned) > 0 {
		s += "; tasks needing a new owner: " + strings.Join(out.Unassigned, ", ")
	}
	return s
}

func withdrawText(c *state.Case, actor, reason string, out takenOut) string {
	text := fmt.Sprintf("Consent for case %s was withdrawn (recorded by @%s)", c.Ref, actor)
	if reason != "" {
		text += ": " + reason
	}
	text += "."
	if out.Basis == rules.BasisSafeguarding {
		text += " The basis is now a safeguarding enquiry (consent.safeguarding), which does not rest on consent: members it admits stay for the enquiry."
	}
	if len(out.People) == 0 {
		return text + " Nobody had to leave the case."
	}
	var names []string
	for _, p := range out.People {
		names = append(names, "@"+p.Handle+" ("+p.Agency+")")
	}
	text += " Removed from the case: " + strings.Join(names, ", ") + " (consent.required)."
	if len(out.Requests) > 0 {
		var ids []string
		for _, q := range out.Requests {
			ids = append(ids, q.ID+" (@"+q.To+")")
		}
		text += " Requests withdrawn: " + strings.Join(ids, ", ") + "."
	}
	if len(out.Unassigned) > 0 {
		text += " Their open tasks need a new owner: " + strings.Join(out.Unassigned, ", ") + "."
	}
	return text
}
