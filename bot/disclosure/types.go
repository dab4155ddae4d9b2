package disclosure

// Basis is the lawful basis of a case's current permitted consent decision.
// The values are the basis strings of rules.Decide and state.Consent.Basis.
type Basis string

// Bases of a permitted decision ("" when there is none).
const (
	BasisNone         Basis = ""
	BasisConsent      Basis = "consent"
	BasisDeputyOrLPA  Basis = "deputy_or_lpa"
	BasisBestInterest Basis = "best_interest_decision"
	BasisSafeguarding Basis = "safeguarding_enquiry"
	BasisAssumed      Basis = "assumed_same_agency"
)

// Known reports whether b is one of the permitted bases this package knows.
// An unknown basis admits nobody but the lead and their delegates.
func (b Basis) Known() bool {
	switch b {
	case BasisConsent, BasisDeputyOrLPA, BasisBestInterest, BasisSafeguarding, BasisAssumed:
		return true
	}
	return false
}

// OtherAgencies reports whether a permitted decision on basis b admits
// agencies other than the case lead's. Assumed consent never does.
func (b Basis) OtherAgencies() bool {
	switch b {
	case BasisConsent, BasisDeputyOrLPA, BasisBestInterest, BasisSafeguarding:
		return true
	}
	return false
}

// Member is a person listed on a case, with the agency recorded for them.
type Member struct {
	Handle string
	Agency string
}

// Case is the neutral view of one case that the policy needs. The caller
// builds it from the stored case; the policy never trusts the lists alone:
// a listed member whom the current basis does not admit gets nothing.
type Case struct {
	Ref        string
	Lead       string // handle of the case lead
	LeadAgency string // agency of the case lead; "" makes nobody same-agency
	// Delegates are handles the lead named. A delegate counts only if they
	// are listed in Members with the lead's agency.
	Delegates []string
	// Members are the people admitted to the case (the lead may be listed).
	Members []Member
	// Outside are people who are not members but hold an open formal
	// request from the case.
	Outside []Member
	// Former are people taken off the case (members removed, requests
	// withdrawn): they may get content-free notices and nothing else.
	Former []string
	// Permitted is true while the current consent decision is permitted
	// (recorded, not withdrawn, not superseded by a refusal).
	Permitted bool
	Basis     Basis
	Closed    bool
}

// Role is a set of standing roles a person holds outside any case.
type Role uint8

// Roles. Managers are not a role: see Person.Manages.
const (
	RoleSafeguardingLead Role = 1 << iota
	RoleWhistleblowing
	RoleAdmin
)

// Has reports whether r includes every role of x.
func (r Role) Has(x Role) bool { return x != 0 && r&x == x }

// Person is a recipient: their current directory handle and agency, their
// standing roles, and the handles they manage (directly or up the chain),
// which makes them a route for escalation pings about those people.
type Person struct {
	Handle  string
	Agency  string
	Roles   Role
	Manages []string
}

// Kind is what an outbound message is for.
type Kind uint8

// Purposes of outbound messages.
const (
	KindUnknown    Kind = iota
	Post                // case content posted in the case channel
	ThreadReply         // a reply in a case thread
	DMContent           // case content in a direct message (welcome, record export)
	Notify              // a task or request notification or reminder to its owner
	Escalation          // a ping up an escalation route (needs Purpose.About)
	Card                // the case card or a case's home-tab view
	Notice              // a content-free notice ("you were removed", "request withdrawn", "case closed")
	RequestOutside      // a formal request to a person outside the case (needs Purpose.By)
	Personal            // a personal view (home, task mine, requests) listing this case's items
)

var kindNames = [...]string{"unknown", "post", "thread-reply", "dm-content", "notify",
	"escalation", "card", "notice", "request-outside", "personal"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Purpose is the kind of an outbound message and the people it concerns.
type Purpose struct {
	Kind Kind
	// About is the handle an escalation ping concerns (the owner of the
	// overdue item, the lead for consent pings).
	About string
	// By is the handle sending a formal request outside the case.
	By string
}

// Reason is a content-free code saying why a message is allowed or refused;
// it is safe to log.
type Reason string

// Reasons for allowing.
const (
	AllowLead           Reason = "lead"
	AllowDelegate       Reason = "delegate"
	AllowMember         Reason = "member-admitted-by-basis"
	AllowRecipient      Reason = "request-recipient-admitted-by-basis"
	AllowSubject        Reason = "escalation-subject"
	AllowManagerRoute   Reason = "escalation-manager-route"
	AllowOfficerRoute   Reason = "escalation-officer-route"
	AllowNotice         Reason = "content-free-notice"
	AllowClosedRecord   Reason = "closed-case-record-to-lead"
	DenyNoRecipient     Reason = "no-recipient"
	DenyUnknownPurpose  Reason = "unknown-purpose"
	DenyClosed          Reason = "case-closed"
	DenyNotPermitted    Reason = "no-permitted-decision"
	DenyAgency          Reason = "basis-excludes-agency"
	DenyNotMember       Reason = "not-a-member"
	DenyNotConcerned    Reason = "not-concerned"
	DenyNoSubject       Reason = "escalation-without-subject"
	DenySubjectNotParty Reason = "escalation-subject-not-member"
	DenyNotInRoute      Reason = "not-on-escalation-route"
	DenySender          Reason = "sender-not-lead-or-delegate"
)

// Decision is the answer of Check: whether the message may go, and why.
type Decision struct {
	Allowed bool
	Reason  Reason
}

// String is "allowed (reason)" or "refused (reason)", safe to log.
func (d Decision) String() string {
	if d.Allowed {
		return "allowed (" + string(d.Reason) + ")"
	}
	return "refused (" + string(d.Reason) + ")"
}

func allow(r Reason) Decision { return Decision{Allowed: true, Reason: r} }
func deny(r Reason) Decision  { return Decision{Reason: r} }

// decisionPermitted is the permitted value of rules.Decision.Decision and
// state.Consent.Decision.
const decisionPermitted = "permitted"

// Standing turns a recorded consent decision (its decision and basis
// strings and whether it was withdrawn) into the Permitted and Basis of a
// Case view. A withdrawal ends every basis but a safeguarding enquiry,
// which never rested on consent; the caller re-runs the decision with
// consent=no on withdrawal and records its basis, so a consent basis with a
// safeguarding fact becomes safeguarding_enquiry. Anything unknown is not
// permitted.
func Standing(decision, basis string, withdrawn bool) (bool, Basis) {
	b := Basis(basis)
	if decision != decisionPermitted || !b.Known() || (withdrawn && b != BasisSafeguarding) {
		return false, BasisNone
	}
	return true, b
}
