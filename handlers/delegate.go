package handlers

import (
	"context"
	"fmt"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// caseDelegate names a delegate: a colleague of the lead's own agency, who
// joins the case if they are not on it yet (a delegate is admitted before
// any consent decision, as the lead is).
func (h *Handlers) caseDelegate(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, p, err := h.caseAndPerson(ctx, r)
	if err != nil {
		return nil, err
	}
	added := false
	changed, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if r.Actor.Handle != tx.Case.Lead {
			return bot.Refusef("Only the case lead (@%s) names delegates on case %s.", tx.Case.Lead, tx.Case.Ref)
		}
		if canLead(tx.Case, p.Handle) {
			return errNoChange
		}
		if !disclosure.MayDelegate(h.viewOf(tx.Case, nil), disclosure.Person{Handle: p.Handle, Agency: p.Agency}) {
			return bot.Refusef("@%s must be a colleague of the case lead's own agency (%s), not the lead, to be a delegate on case %s.",
				p.Handle, h.leadAgency(tx.Case), tx.Case.Ref)
		}
		if _, ok := tx.Case.Members[p.Handle]; !ok {
			tx.Case.Members[p.Handle] = state.Member{Handle: p.Handle, Agency: p.Agency, Role: p.Role,
				Reason: "delegate of the case lead", AddedBy: r.Actor.Handle, AddedAt: tx.Now()}
			added = true
		}
		tx.Case.Delegates = append(tx.Case.Delegates, p.Handle)
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actDelegate, Detail: "@" + p.Handle})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !changed {
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, "@"+p.Handle+" is already a delegate on case "+c.Ref+".")}, nil
	}
	if added {
		if err := r.Platform.Invite(ctx, c.Channel, p.Handle); err != nil {
			h.Log.Warn("delegate not added to channel", "case", c.Ref, "err", err)
		}
	}
	h.refresh(ctx, r, c.Ref)
	return []bot.Message{bot.Text(fmt.Sprintf("@%s may now act for the case lead on case %s: record consent, invite other agencies, close.", p.Handle, c.Ref))}, nil
}
