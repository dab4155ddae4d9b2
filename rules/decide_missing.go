package rules

// importance is the order missing facts are asked in.
var importance = []string{"subject", "capacity", "consent", "attorney", "best-interest", "safeguarding", "direct", "same-agency", "arranging-service"}

// consentRuleOrder orders the rules of an undecided decision.
var consentRuleOrder = []string{"consent.required", "consent.capacity", "consent.incapacity.lpa-deputy",
	"consent.incapacity.best-interest", "consent.safeguarding", "consent.refused", "consent.carer", "consent.assumed.same-agency"}

// Decide applies the consent table in RULEBOOK-SPEC.md. Unset facts are
// treated as unknown: when some answer to them could change the outcome, the
// decision is needs_decision and Missing lists them, most important first.
// When the outcome is the same whatever they are, it is given. For a carer,
// capacity, attorney and best-interest are not used.
func Decide(f Facts) Decision {
	var keys []string
	for _, k := range importance {
		if f.Get(k) == "" {
			keys = append(keys, k)
		}
	}
	outs := completions(f, keys)
	matter := mattering(outs, keys)
	if len(matter) == 0 {
		o := outs[0]
		d := Decision{Decision: o.decision, Basis: o.basis, Rules: append([]string(nil), o.rules...),
			NextStep: o.next, Missing: append([]string{}, o.open...)}
		if !allSame(outs) {
			d.Rules = unionRules(outs)
		}
		return d
	}
	q, _ := FactQuestion(matter[0])
	return Decision{Decision: NeedsDecision, Rules: unionRules(outs),
		NextStep: "Find out first: " + q.Text, Missing: matter}
}

// completions decides every way of filling in the unset keys. Index i
// encodes the values in mixed radix, the first key varying fastest.
func completions(f Facts, keys []string) []*outcome {
	n := 1
	for _, k := range keys {
		n *= len(factValues[k])
	}
	outs := make([]*outcome, n)
	for i := range outs {
		c, rest := f, i
		for _, k := range keys {
			vals := factValues[k]
			*c.field(k) = vals[rest%len(vals)]
			rest /= len(vals)
		}
		outs[i] = decideKnown(&c)
	}
	return outs
}

// mattering returns the keys for which changing only that key changes the
// outcome (see sameOutcome) in some completion.
func mattering(outs []*outcome, keys []string) []string {
	var out []string
	stride := 1
	for _, k := range keys {
		size := len(factValues[k])
		if keyMatters(outs, stride, size) {
			out = append(out, k)
		}
		stride *= size
	}
	return out
}

func keyMatters(outs []*outcome, stride, size int) bool {
	for i := range outs {
		if (i/stride)%size != 0 {
			continue
		}
		for v := 1; v < size; v++ {
			if !sameOutcome(outs[i+v*stride], outs[i]) {
				return true
			}
		}
	}
	return false
}

// sameOutcome: two outcomes tell the practitioner the same thing. Final
// decisions compare by decision and basis (a person's or a carer's consent
// both permit); open decisions must also share the next step.
func sameOutcome(a, b *outcome) bool {
	if a.decision == NeedsDecision || b.decision == NeedsDecision {
		return a == b
	}
	return a.decision == b.decision && a.basis == b.basis
}

func allSame(outs []*outcome) bool {
	for _, o := range outs {
		if o != outs[0] {
			return false
		}
	}
	return true
}

// unionRules lists the rules any completion rests on, in a fixed order.
func unionRules(outs []*outcome) []string {
	seen := map[string]bool{}
	for _, o := range outs {
		for _, r := range o.rules {
			seen[r] = true
		}
	}
	var out []string
	for _, r := range consentRuleOrder {
		if seen[r] {
			out = append(out, r)
		}
	}
	return out
}

// WithDefaults fills unset facts the way the command line does when a flag
// is left out: subject person, capacity and consent unknown, attorney none,
// everything else no.
func (f Facts) WithDefaults() Facts {
	defaults := map[string]string{"subject": "person", "direct": "no", "capacity": "unknown", "consent": "unknown",
		"attorney": "none", "best-interest": "no", "safeguarding": "no", "same-agency": "no", "arranging-service": "no"}
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
