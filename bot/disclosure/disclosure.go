package disclosure

import (
	"cmp"
	"slices"
)

// Check decides whether a message for purpose p, about case c, may reach
// person to. It allocates nothing and never looks at message content.
func Check(c Case, to Person, p Purpose) Decision {
	if to.Handle == "" {
		return deny(DenyNoRecipient)
	}
	if p.Kind == Notice {
		if c.concerned(to.Handle) {
			return allow(AllowNotice)
		}
		return deny(DenyNotConcerned)
	}
	if c.Closed {
		if p.Kind == DMContent && to.Handle == c.Lead {
			return allow(AllowClosedRecord)
		}
		return deny(DenyClosed)
	}
	switch p.Kind {
	case Post, ThreadReply, DMContent, Card:
		return c.reader(to)
	case Notify, Personal:
		d := c.reader(to)
		if d.Allowed {
			return d
		}
		if o := c.outsideHolder(to); o.Reason != DenyNotMember {
			return o
		}
		return d
	case Escalation:
		return c.escalation(to, p.About)
	case RequestOutside:
		return c.requestOutside(to, p.By)
	}
	return deny(DenyUnknownPurpose)
}

// Admits reports whether p may be or stay a member of c under its current
// basis: the lead always; on an open case a delegate of the lead's agency,
// and anyone whose agency the current permitted basis admits. Who may invite
// is a separate question (see the wiring notes in doc.go).
func Admits(c Case, p Person) bool {
	switch {
	case p.Handle == "":
		return false
	case p.Handle == c.Lead:
		return true
	case c.Closed:
		return false
	case c.isDelegate(p.Handle) && c.sameAgency(p.Agency):
		return true
	}
	return c.basisAdmits(p.Agency)
}

// MayDelegate reports whether the lead may name p as a delegate: someone of
// the lead's own agency, not the lead, on an open case. A delegate is
// admitted before a permitted decision.
func MayDelegate(c Case, p Person) bool {
	return !c.Closed && p.Handle != "" && p.Handle != c.Lead && c.sameAgency(p.Agency)
}

// Reapply lists the members and outside request holders whom the current
// basis no longer admits, sorted by handle, each once (the lead never; an
// outside holder who is also a member is judged as a member). The caller
// removes them in the same transaction as the change of basis. Closed is
// ignored: closing a case ends every flow by itself.
func Reapply(c Case) (remove []Person) {
	out := func(m Member, kept bool) {
		if m.Handle == "" || m.Handle == c.Lead || kept {
			return
		}
		if slices.ContainsFunc(remove, func(p Person) bool { return p.Handle == m.Handle }) {
			return
		}
		remove = append(remove, Person{Handle: m.Handle, Agency: m.Agency})
	}
	for _, m := range c.Members {
		out(m, c.stays(m))
	}
	for _, m := range c.Outside {
		_, listed := c.member(m.Handle)
		out(m, listed || c.basisAdmits(m.Agency)) // membership governs members
	}
	slices.SortFunc(remove, func(a, b Person) int { return cmp.Compare(a.Handle, b.Handle) })
	return remove
}

// stays reports whether a listed member keeps their place.
func (c *Case) stays(m Member) bool {
	if c.isDelegate(m.Handle) && c.sameAgency(m.Agency) {
		return true
	}
	return c.basisAdmits(m.Agency)
}

// reader decides who may read case content: the lead, a delegate of the
// lead's agency, and a listed member whose agency the basis admits.
func (c *Case) reader(to Person) Decision {
	if to.Handle == c.Lead {
		return allow(AllowLead)
	}
	m, listed := c.member(to.Handle)
	if listed && c.isDelegate(to.Handle) && c.sameAgency(to.Agency) && c.sameAgency(m.Agency) {
		return allow(AllowDelegate)
	}
	if !listed {
		return deny(DenyNotMember)
	}
	return c.agencyDecision(AllowMember, to.Agency, m.Agency)
}

// outsideHolder decides for a non-member holding an open formal request.
func (c *Case) outsideHolder(to Person) Decision {
	m, ok := find(c.Outside, to.Handle)
	if !ok {
		return deny(DenyNotMember)
	}
	return c.agencyDecision(AllowRecipient, to.Agency, m.Agency)
}

// agencyDecision allows with ok when the basis admits both the person's
// current agency and the one recorded on the case.
func (c *Case) agencyDecision(ok Reason, agency, recorded string) Decision {
	switch {
	case !c.Permitted || !c.Basis.Known():
		return deny(DenyNotPermitted)
	case c.basisAdmits(agency) && c.basisAdmits(recorded):
		return allow(ok)
	}
	return deny(DenyAgency)
}

// escalation allows a ping about a current party of the case to that
// party, to a reader, to their manager, or to a named officer.
func (c *Case) escalation(to Person, about string) Decision {
	if about == "" {
		return deny(DenyNoSubject)
	}
	if !c.party(about) {
		return deny(DenySubjectNotParty)
	}
	switch {
	case to.Handle == about:
		return allow(AllowSubject)
	case c.reader(to).Allowed:
		return allow(AllowMember)
	case contains(to.Manages, about):
		return allow(AllowManagerRoute)
	case to.Roles.Has(RoleSafeguardingLead), to.Roles.Has(RoleWhistleblowing):
		return allow(AllowOfficerRoute)
	}
	return deny(DenyNotInRoute)
}

// party reports whether handle is, right now, someone the case may concern:
// the lead, an admitted member or an admitted outside request holder.
func (c *Case) party(handle string) bool {
	if handle == c.Lead {
		return true
	}
	if m, ok := c.member(handle); ok {
		return c.stays(m)
	}
	m, ok := find(c.Outside, handle)
	return ok && c.basisAdmits(m.Agency)
}

// requestOutside allows a formal request from the lead or a delegate to a
// person whose agency the basis admits (a reader too).
func (c *Case) requestOutside(to Person, by string) Decision {
	if by != c.Lead {
		m, ok := c.member(by)
		if !ok || !c.isDelegate(by) || !c.sameAgency(m.Agency) {
			return deny(DenySender)
		}
	}
	if d := c.reader(to); d.Allowed {
		return d
	}
	return c.agencyDecision(AllowRecipient, to.Agency, to.Agency)
}

// concerned reports whether handle is or was on the case in any capacity.
func (c *Case) concerned(handle string) bool {
	if handle == c.Lead || contains(c.Delegates, handle) || contains(c.Former, handle) {
		return true
	}
	if _, ok := c.member(handle); ok {
		return true
	}
	_, ok := find(c.Outside, handle)
	return ok
}

// basisAdmits reports whether the current permitted basis admits agency.
func (c *Case) basisAdmits(agency string) bool {
	if !c.Permitted || !c.Basis.Known() || agency == "" {
		return false
	}
	return c.Basis.OtherAgencies() || c.sameAgency(agency)
}

func (c *Case) sameAgency(agency string) bool {
	return agency != "" && agency == c.LeadAgency
}

func (c *Case) isDelegate(handle string) bool { return contains(c.Delegates, handle) }

func (c *Case) member(handle string) (Member, bool) { return find(c.Members, handle) }

func find(list []Member, handle string) (Member, bool) {
	for _, m := range list {
		if m.Handle == handle {
			return m, true
		}
	}
	return Member{}, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
