package disclosure

// This file is the authorization matrix as data: a cast of people, a set
// of case states and a set of purposes, and a rule table saying which
// (role, state, purpose) cells are allowed. The table is written from the
// rule in doc.go, not from Check; the package's tests check Check against
// it, and the wiring tests drive every command through the same cells.

// Agencies of the matrix cast (synthetic).
const (
	AgencyCouncil = "council"
	AgencyNHS     = "nhs"
	AgencySchool  = "school"
	AgencyPolice  = "police"
)

// Matrix roles, in order. Each names one person of the cast.
const (
	RoleNameLead          = "lead"
	RoleNameDelegate      = "delegate"
	RoleNameSameMember    = "same-agency member"
	RoleNameOtherMember   = "other-agency member"
	RoleNameSameOutsider  = "same-agency non-member"
	RoleNameOtherOutsider = "other-agency non-member"
	RoleNameManager       = "manager"
	RoleNameSafeguarding  = "safeguarding lead"
	RoleNameWhistle       = "whistleblowing officer"
	RoleNameRemoved       = "removed member"
	RoleNameRecipient     = "outside request recipient"
)

// Matrix states, in order.
const (
	StateBefore       = "before consent"
	StateConsent      = "permitted: consent"
	StateDeputy       = "permitted: deputy or LPA"
	StateBestInterest = "permitted: best interest decision"
	StateSafeguarding = "permitted: safeguarding enquiry"
	StateAssumed      = "permitted: assumed same-agency consent"
	StateRefused      = "refused"
	StateWithdrawn    = "withdrawn"
	StateClosed       = "closed"
)

// Matrix purposes, in order.
const (
	PurposePost           = "post in case channel"
	PurposeThread         = "thread reply"
	PurposeDM             = "dm of case content"
	PurposeNotify         = "task/request notification"
	PurposeCard           = "card view"
	PurposePersonal       = "personal view"
	PurposeNotice         = "content-free notice"
	PurposeEscalateMember = "escalation about other-agency member"
	PurposeEscalateLead   = "escalation about lead"
	PurposeRequestByLead  = "request outside, sent by lead"
	PurposeRequestByOther = "request outside, sent by other-agency member"
)

// Cast is the matrix's people, keyed by role name. The case of every cell
// lists the delegate, both members, the removed member (as former) and the
// outside recipient in every state: the policy must not trust the lists.
func Cast() map[string]Person {
	return map[string]Person{
		RoleNameLead:          {Handle: "alex", Agency: AgencyCouncil},
		RoleNameDelegate:      {Handle: "bea", Agency: AgencyCouncil},
		RoleNameSameMember:    {Handle: "cara", Agency: AgencyCouncil},
		RoleNameOtherMember:   {Handle: "chris", Agency: AgencyNHS},
		RoleNameSameOutsider:  {Handle: "dev", Agency: AgencyCouncil},
		RoleNameOtherOutsider: {Handle: "eve", Agency: AgencySchool},
		RoleNameManager:       {Handle: "dana", Agency: AgencyNHS, Manages: []string{"chris"}},
		RoleNameSafeguarding:  {Handle: "sam", Agency: AgencyCouncil, Roles: RoleSafeguardingLead},
		RoleNameWhistle:       {Handle: "wanda", Agency: AgencyCouncil, Roles: RoleWhistleblowing},
		RoleNameRemoved:       {Handle: "rob", Agency: AgencyNHS},
		RoleNameRecipient:     {Handle: "olly", Agency: AgencyPolice},
	}
}

// MatrixRoles, MatrixStates and MatrixPurposes list the axes in order.
var (
	MatrixRoles = []string{RoleNameLead, RoleNameDelegate, RoleNameSameMember, RoleNameOtherMember,
		RoleNameSameOutsider, RoleNameOtherOutsider, RoleNameManager, RoleNameSafeguarding,
		RoleNameWhistle, RoleNameRemoved, RoleNameRecipient}
	MatrixStates = []string{StateBefore, StateConsent, StateDeputy, StateBestInterest,
		StateSafeguarding, StateAssumed, StateRefused, StateWithdrawn, StateClosed}
	MatrixPurposes = []string{PurposePost, PurposeThread, PurposeDM, PurposeNotify, PurposeCard,
		PurposePersonal, PurposeNotice, PurposeEscalateMember, PurposeEscalateLead,
		PurposeRequestByLead, PurposeRequestByOther}
)

// MatrixCase is the case of the matrix in a state.
func MatrixCase(state string) Case {
	c := Case{Ref: "c101", Lead: "alex", LeadAgency: AgencyCouncil, Delegates: []string{"bea"},
		Members: []Member{{"alex", AgencyCouncil}, {"bea", AgencyCouncil}, {"cara", AgencyCouncil}, {"chris", AgencyNHS}},
		Outside: []Member{{"olly", AgencyPolice}}, Former: []string{"rob"}}
	switch state {
	case StateConsent:
		c.Permitted, c.Basis = true, BasisConsent
	case StateDeputy:
		c.Permitted, c.Basis = true, BasisDeputyOrLPA
	case StateBestInterest:
		c.Permitted, c.Basis = true, BasisBestInterest
	case StateSafeguarding:
		c.Permitted, c.Basis = true, BasisSafeguarding
	case StateAssumed:
		c.Permitted, c.Basis = true, BasisAssumed
	case StateClosed:
		c.Permitted, c.Basis, c.Closed = true, BasisConsent, true
	}
	return c
}

// MatrixPurpose is the Purpose value of a matrix purpose name.
func MatrixPurpose(name string) Purpose {
	switch name {
	case PurposePost:
		return Purpose{Kind: Post}
	case PurposeThread:
		return Purpose{Kind: ThreadReply}
	case PurposeDM:
		return Purpose{Kind: DMContent}
	case PurposeNotify:
		return Purpose{Kind: Notify}
	case PurposeCard:
		return Purpose{Kind: Card}
	case PurposePersonal:
		return Purpose{Kind: Personal}
	case PurposeNotice:
		return Purpose{Kind: Notice}
	case PurposeEscalateMember:
		return Purpose{Kind: Escalation, About: "chris"}
	case PurposeEscalateLead:
		return Purpose{Kind: Escalation, About: "alex"}
	case PurposeRequestByLead:
		return Purpose{Kind: RequestOutside, By: "alex"}
	case PurposeRequestByOther:
		return Purpose{Kind: RequestOutside, By: "chris"}
	}
	return Purpose{}
}

// Cell is one cell of the matrix with its expected outcome. Cells of one
// state share their Case's slices: treat them as read-only.
type Cell struct {
	Role, State, Purpose string
	Case                 Case
	To                   Person
	P                    Purpose
	Want                 bool
}

// Name is "state / role / purpose", for subtest names and failures.
func (c Cell) Name() string { return c.State + " / " + c.Role + " / " + c.Purpose }

// Matrix returns every cell, roles × states × purposes, with the outcome
// the rule table expects.
func Matrix() []Cell {
	cast := Cast()
	cells := make([]Cell, 0, len(MatrixRoles)*len(MatrixStates)*len(MatrixPurposes))
	for _, s := range MatrixStates {
		c := MatrixCase(s)
		for _, r := range MatrixRoles {
			for _, p := range MatrixPurposes {
				cells = append(cells, Cell{Role: r, State: s, Purpose: p, Case: c, To: cast[r],
					P: MatrixPurpose(p), Want: expected(r, s, p)})
			}
		}
	}
	return cells
}
