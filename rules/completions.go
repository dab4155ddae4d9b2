package rules

// consentRuleOrder orders the rules of an undecided decision.
var consentRuleOrder = []string{"consent.required", "consent.capacity", "consent.incapacity.lpa-deputy",
	"consent.incapacity.best-interest", "consent.safeguarding", "consent.refused", "consent.carer", "consent.assumed.same-agency",
	"consent.child", "consent.child.young-person", "consent.child.protection"}

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
