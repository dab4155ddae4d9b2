package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

func (h *Handlers) memberCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "invite",
		Usage: "@user [reason]",
		Description: "Admit a colleague to the case with their need-to-know reason. The lead's own agency may join once the case is open; " +
			"another agency only when the recorded consent decision is permitted, invited by the lead or a delegate, with a reason.",
		Examples: []string{"/jointwork invite @bea OT assessment of the home", "/jointwork invite @chris wound care after discharge"},
		Where:    bot.InCase, MinArgs: 1, MaxArgs: -1,
		Run: h.invite,
	}, {
		Name:        "remove",
		Usage:       "@user [reason]",
		Description: "Take a member off the case and out of its channel (case lead or delegate).",
		Examples:    []string{"/jointwork remove @bea work finished"},
		Where:       bot.InCase, MinArgs: 1, MaxArgs: -1,
		Run: h.remove,
	}}
}

func (h *Handlers) invite(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, p, err := h.caseAndPerson(ctx, r)
	if err != nil {
		return nil, err
	}
	reason := r.Tail(1)
	if err := checkText("need-to-know reason", reason, maxReason, false); err != nil {
		return nil, err
	}
	var basis string
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		var err error
		basis, err = h.admit(tx, r.Actor.Handle, p, reason)
		return err
	})
	if err != nil {
		return nil, err
	}
	return h.afterInvite(ctx, r, c, p, reason, basis, changed), nil
}

// admit checks who may join and records the member; it returns the basis.
func (h *Handlers) admit(tx *state.Tx, actor string, p directory.Person, reason string) (string, error) {
	c := tx.Case
	if _, ok := c.Members[p.Handle]; ok {
		return "", errNoChange
	}
	if p.Agency != h.leadAgency(c) {
		if err := h.mayAdmitOtherAgency(c, actor, p, reason); err != nil {
			return "", err
		}
	}
	if err := h.basisAdmits(tx, p); err != nil {
		return "", err
	}
	basis := "consent " + c.Consent.Decision + ": " + basisText(c.Consent.Basis, c.Consent.Rules)
	if c.Members == nil {
		c.Members = map[string]state.Member{}
	}
	c.Members[p.Handle] = state.Member{Handle: p.Handle, Agency: p.Agency, Role: p.Role,
		Reason: reason, AddedBy: actor, AddedAt: tx.Now()}
	tx.Log(state.Entry{Actor: actor, Action: actMemberAdded,
		Detail: fmt.Sprintf("@%s (%s, %s): %s", p.Handle, p.Agency, p.Role, orDash(reason)), Basis: basis})
	return basis, nil
}

// mayAdmitOtherAgency says why someone from another agency cannot join yet,
// and what to record first.
func (h *Handlers) mayAdmitOtherAgency(c *state.Case, actor string, p directory.Person, reason string) error {
	who := fmt.Sprintf("@%s is from %s, another agency than the case lead's (%s).", p.Handle, p.Agency, h.leadAgency(c))
	cs := c.Consent
	switch {
	case !canLead(c, actor):
		return bot.Refusef("%s Only the case lead (@%s) or a delegate can invite another agency.", who, c.Lead)
	case cs == nil:
		return bot.Refusef("%s Nobody from another agency can join case %s until a consent decision is recorded as permitted "+
			"(rules consent.required; only a safeguarding enquiry goes ahead without consent: consent.safeguarding). "+
			"Record it first: `/jointwork consent`.", who, c.Ref)
	case cs.Withdrawn:
		return bot.Refusef("%s Consent for case %s was withdrawn on %s (consent.required): another agency cannot join. "+
			"If the person consents again, record it first: `/jointwork consent`.", who, c.Ref, cs.WithdrawnAt.Format("2 Jan 2006"))
	case cs.Decision == rules.NeedsDecision:
		return bot.Refusef("%s The consent decision for case %s still needs a decision (%s): %s Then record it: `/jointwork consent`.",
			who, c.Ref, strings.Join(cs.Rules, ", "), cs.NextStep)
	case cs.Decision != rules.Permitted:
		return bot.Refusef("%s The recorded consent decision for case %s is %s (%s), so another agency cannot join. "+
			"If the situation has changed, record the decision again: `/jointwork consent`.", who, c.Ref, decisionWords(cs.Decision), strings.Join(cs.Rules, ", "))
	case strings.TrimSpace(reason) == "":
		return bot.Refusef("%s Say why they need to know, so it is on the record: `/jointwork invite @%s REASON`.", who, p.Handle)
	}
	return nil
}

// afterInvite adds the person to the channel, welcomes them with the matrix
// questions and updates the card. A failed platform invite is reported;
// the membership stays recorded and the same command retries it.
func (h *Handlers) afterInvite(ctx context.Context, r *bot.Request, c *state.Case, p directory.Person, reason, basis string, changed bool) []bot.Message {
	err := r.Platform.Invite(ctx, c.Channel, p.Handle)
	if err != nil {
		h.Log.Warn("member not added to channel", "case", c.Ref, "member", p.Handle, "err", err)
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, fmt.Sprintf("@%s is recorded as a member of case %s, but I could not add them to #%s. "+
			"Run the same command again to retry.", p.Handle, c.Ref, c.ChannelName))}
	}
	if !changed {
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, fmt.Sprintf("@%s is already a member of case %s.", p.Handle, c.Ref))}
	}
	h.welcome(ctx, r, c, p)
	h.refresh(ctx, r, c.Ref)
	text := fmt.Sprintf("@%s invited @%s (%s, %s) to case %s.", r.Actor.Handle, p.Handle, p.Agency, p.Role, c.Ref)
	if reason != "" {
		text += " Need to know: " + reason + "."
	}
	return []bot.Message{{Kind: bot.KindEvent, Text: text, Context: "Basis: " + basis}}
}

// welcome tells a new member where they are and asks the three matrix
// questions of joint working (tac.matrix).
func (h *Handlers) welcome(ctx context.Context, r *bot.Request, c *state.Case, p directory.Person) {
	advice := h.advice(c, "")
	text := fmt.Sprintf("@%s added you to case %s: #%s. Case lead: @%s.", r.Actor.Handle, c.Ref, c.ChannelName, c.Lead)
	if len(advice.Questions) > 0 {
		text += "\nThree questions for joint working at the right level (tac.matrix):"
		for i, q := range advice.Questions {
			text += fmt.Sprintf("\n%d. %s", i+1, q)
		}
		text += "\nAnswer them in the channel; `/jointwork level` shows the suggested level."
	}
	h.send(ctx, r, bot.Message{To: dm(p.Handle), Kind: bot.KindEvent, Text: text, Case: c.Ref})
}

func (h *Handlers) remove(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, p, err := h.caseAndPerson(ctx, r)
	if err != nil {
		return nil, err
	}
	reason := r.Tail(1)
	if err := checkText("reason", reason, maxReason, false); err != nil {
		return nil, err
	}
	var out takenOut
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if err := leadOnly(tx.Case, r.Actor.Handle, "remove members"); err != nil {
			return err
		}
		if p.Handle == tx.Case.Lead {
			return bot.Refusef("@%s is the case lead and cannot be removed.", p.Handle)
		}
		if _, ok := tx.Case.Members[p.Handle]; !ok {
			return errNoChange
		}
		var err error
		out, err = h.takeOut(tx, r.Actor.Handle, "removed by @"+r.Actor.Handle+": "+orDash(reason),
			[]disclosure.Person{{Handle: p.Handle, Agency: p.Agency}})
		return err
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, fmt.Sprintf("@%s is not a member of case %s.", p.Handle, c.Ref))}, nil
	}
	lines := h.afterTakeOut(ctx, r.Platform, c, out)
	h.refresh(ctx, r, c.Ref)
	msg := fmt.Sprintf("@%s removed @%s from case %s.", r.Actor.Handle, p.Handle, c.Ref)
	if len(out.Requests) > 0 || len(out.Unassigned) > 0 {
		msg += " " + takenOutLine(out) + "."
	}
	if len(lines) > 0 {
		msg += " " + strings.Join(lines, " ")
	}
	return []bot.Message{{Kind: bot.KindEvent, Text: msg, Case: c.Ref}}, nil
}
