package rules

// Decision values.
const (
	Permitted     = "permitted"
	NotPermitted  = "not_permitted"
	NeedsDecision = "needs_decision"
)

// Basis values of a permitted decision.
const (
	BasisConsent      = "consent"
	BasisSafeguarding = "safeguarding_enquiry"
	BasisAssumed      = "assumed_same_agency"
	BasisDeputyOrLPA  = "deputy_or_lpa"
	BasisBestInterest = "best_interest_decision"
	// BasisParental: someone with parental responsibility consented for a
	// child who cannot decide themself (children's law, not the guidance).
	BasisParental = "parental_responsibility"
	// BasisChildProtection: a child protection enquiry (Children Act 1989
	// s47) or a risk of significant harm makes the work necessary.
	BasisChildProtection = "child_protection"
)

// Decision is the consent decision for a piece of joint work: whether it may
// go ahead, on what basis, the rules it rests on, the practitioner's next
// step, the facts still needed (most important first) and, when the decision
// leans on law outside the two source documents, a note naming that law.
type Decision struct {
	Decision string // permitted | not_permitted | needs_decision
	Basis    string // one of the Basis values when permitted, else ""
	Rules    []string
	NextStep string
	Missing  []string
	Note     string // "" or a one-line note on the general law relied on
}

// importance is the order missing facts are asked in.
var importance = []string{"subject", "age", "capacity", "competent", "consent", "parental-consent", "attorney",
	"best-interest", "safeguarding", "child-protection", "direct", "same-agency", "arranging-service"}

// relevant lists the facts the decision reads for each subject.
var relevant = map[string][]string{
	"person": {"capacity", "consent", "attorney", "best-interest", "safeguarding", "same-agency", "arranging-service"},
	"carer":  {"capacity", "consent", "direct", "same-agency", "arranging-service"},
	"child":  {"age", "capacity", "competent", "consent", "parental-consent", "child-protection"},
}

// Decide applies the consent table in RULEBOOK-SPEC.md (for a child, the
// spec's "Children" section). Unset facts are treated as unknown: when some
// answer to them could change the outcome, the decision is needs_decision
// and Missing lists them, most important first. When the outcome is the same
// whatever they are, it is given. Facts that do not apply to the subject
// (a Deputy for a child, child protection for an adult) are not used.
func Decide(f Facts) Decision {
	var keys []string
	for _, k := range importance {
		if f.Get(k) == "" && (f.Subject == "" || contains(relevant[f.Subject], k) || k == "subject") {
			keys = append(keys, k)
		}
	}
	outs := completions(f, keys)
	matter := mattering(outs, keys)
	if len(matter) == 0 {
		o := outs[0]
		d := Decision{Decision: o.decision, Basis: o.basis, Rules: append([]string(nil), o.rules...),
			NextStep: o.next, Missing: append([]string{}, o.open...), Note: o.note}
		if !allSame(outs) {
			d.Rules = unionRules(outs)
		}
		return d
	}
	if d, ok := permittedWhatever(f, outs); ok {
		return d
	}
	q, _ := FactQuestion(matter[0])
	return Decision{Decision: NeedsDecision, Rules: unionRules(outs),
		NextStep: "Find out first: " + q.Text, Missing: matter, Note: commonNote(outs)}
}

// permittedWhatever: when every way of filling in the unknown facts permits
// the work (only the basis differs, as with a safeguarding enquiry whose
// consent facts are not known), the work may go ahead; the basis given is
// the one that holds with nothing more known (WithDefaults), so it never
// leans on a consent or a decision nobody has recorded.
func permittedWhatever(f Facts, outs []*outcome) (Decision, bool) {
	if f.Subject == "" || f.Subject == "child" { // a child's age always matters to the wording
		return Decision{}, false
	}
	for _, o := range outs {
		if o.decision != Permitted {
			return Decision{}, false
		}
	}
	d := f.WithDefaults()
	o := decideKnown(&d)
	if o.decision != Permitted {
		return Decision{}, false
	}
	return Decision{Decision: o.decision, Basis: o.basis, Rules: append([]string(nil), o.rules...),
		NextStep: o.next, Missing: append([]string{}, o.open...), Note: o.note}, true
}

// commonNote is the note every completion shares, or "".
func commonNote(outs []*outcome) string {
	for _, o := range outs {
		if o.note != outs[0].note {
			return ""
		}
	}
	return outs[0].note
}

// WithDefaults fills unset facts the way the command line does when a flag
// is left out: subject person, capacity, consent, competence and parental
// consent unknown, attorney none, everything else no. A child's age has no
// default: the decision asks for it when it matters.
func (f Facts) WithDefaults() Facts {
	defaults := map[string]string{"subject": "person", "direct": "no", "capacity": "unknown", "consent": "unknown",
		"attorney": "none", "best-interest": "no", "safeguarding": "no", "same-agency": "no", "arranging-service": "no",
		"competent": "unknown", "parental-consent": "unknown", "child-protection": "no"}
	for _, k := range factKeys {
		if p := f.field(k); *p == "" {
			*p = defaults[k]
		}
	}
	return f
}

// NextQuestion returns the question for the first missing fact that is not
// yet answered, for a dialog that asks one fact at a time.
func NextQuestion(f Facts) (Question, bool) {
	for _, k := range Decide(f).Missing {
		if f.Get(k) == "" {
			return FactQuestion(k)
		}
	}
	return Question{}, false
}
