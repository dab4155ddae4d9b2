package handlers

import (
	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// basisAdmits refuses p when the case's current lawful basis does not admit
// them: joint work needs a permitted consent decision even within one
// agency (assumed same-agency consent being its one exception), and
// assumed consent never admits another agency.
func (h *Handlers) basisAdmits(tx *state.Tx, p directory.Person) error {
	c := tx.Case
	v := h.viewOf(c, nil)
	if disclosure.Admits(v, disclosure.Person{Handle: p.Handle, Agency: p.Agency}) {
		return nil
	}
	if v.Permitted && v.Basis == disclosure.BasisAssumed {
		return bot.Refusef("@%s is from %s. Case %s rests on assumed consent, which covers the case lead's own agency (%s) only: "+
			"another agency needs the person's consent or another basis. Record it first: `/jointwork consent`.",
			p.Handle, p.Agency, c.Ref, v.LeadAgency)
	}
	return bot.Refusef("Nobody can join case %s until a consent decision is recorded as permitted: joint work within one agency "+
		"needs consent too (assumed consent is the one exception). Record it first: `/jointwork consent`. "+
		"The lead may name a colleague of their own agency as a delegate meanwhile: `/jointwork case delegate @%s`.", c.Ref, p.Handle)
}
