package handlers

import (
	"context"
	"fmt"

	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// caseView is the disclosure view of a stored case, with its open formal
// requests read from the store.
func (h *Handlers) caseView(ctx context.Context, c *state.Case) (disclosure.Case, error) {
	reqs, err := h.Store.Requests(ctx, c.Ref)
	if err != nil {
		return disclosure.Case{}, fmt.Errorf("requests of %s: %w", c.Ref, err)
	}
	return h.viewOf(c, reqs), nil
}

// viewOf builds the disclosure view of c: the basis from the recorded
// decision (Standing), the members with their recorded agencies, and as
// Outside the non-members holding an open request.
func (h *Handlers) viewOf(c *state.Case, reqs []state.Request) disclosure.Case {
	v := disclosure.Case{Ref: c.Ref, Lead: c.Lead, LeadAgency: h.leadAgency(c),
		Delegates: c.Delegates, Former: c.Former, Closed: c.Status == state.StatusClosed}
	if c.Consent != nil {
		v.Permitted, v.Basis = disclosure.Standing(c.Consent.Decision, c.Consent.Basis, c.Consent.Withdrawn)
	}
	v.Members = make([]disclosure.Member, 0, len(c.Members))
	for handle, m := range c.Members {
		v.Members = append(v.Members, disclosure.Member{Handle: handle, Agency: m.Agency})
	}
	for _, r := range reqs {
		if !r.Open() {
			continue
		}
		if _, member := c.Members[r.To]; member || r.To == c.Lead {
			continue
		}
		v.Outside = append(v.Outside, disclosure.Member{Handle: r.To, Agency: h.agencyOf(r.To)})
	}
	return v
}

// agencyOf is a person's current agency in the directory ("" if unknown).
func (h *Handlers) agencyOf(handle string) string {
	p, _ := h.Directory.Person(handle)
	return p.Agency
}

// personView is the disclosure view of a recipient: current agency, the
// standing roles (safeguarding lead, whistleblowing officer, admin), and,
// when about is someone they manage up the chain, that person.
func (h *Handlers) personView(handle, about string) disclosure.Person {
	p, _ := h.Directory.Person(handle)
	v := disclosure.Person{Handle: handle, Agency: p.Agency}
	if p.Admin {
		v.Roles |= disclosure.RoleAdmin
	}
	if c, ok := h.Directory.Contact(directory.Safeguarding); ok && c.Handle == handle {
		v.Roles |= disclosure.RoleSafeguardingLead
	}
	if c, ok := h.Directory.Contact(directory.Whistleblowing); ok && c.Handle == handle {
		v.Roles |= disclosure.RoleWhistleblowing
	}
	if about != "" && h.manages(handle, about) {
		v.Manages = []string{about}
	}
	return v
}

// manages reports whether handle is above about in the manager chain.
func (h *Handlers) manages(handle, about string) bool {
	seen := map[string]bool{about: true}
	for cur := about; ; {
		m, ok := h.Directory.Manager(cur)
		if !ok || seen[m.Handle] {
			return false
		}
		if m.Handle == handle {
			return true
		}
		seen[m.Handle] = true
		cur = m.Handle
	}
}
