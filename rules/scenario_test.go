package rules

import (
	"reflect"
	"testing"
)

// TestScenarioRows phrases the rows of the consent table in RULEBOOK-SPEC.md
// the way practitioners write them and checks the decision Ask returns.
func TestScenarioRows(t *testing.T) {
	b := mustDefault(t)
	tests := []struct {
		q               string
		decision, basis string
		firstRule       string
	}{
		{"He has capacity and has agreed to the joint visit with the OT, can we go ahead?", Permitted, BasisConsent, "consent.required"},
		{"the carer agreed to us doing a joint carers assessment with the nurse, ok to proceed?", Permitted, BasisConsent, "consent.carer"},
		{"She has capacity and said no but there's an open s42 enquiry, can we still do the joint visit?", Permitted, BasisSafeguarding, "consent.safeguarding"},
		{"client has capacity, said no to the joint visit, no safeguarding enquiry. can I go ahead anyway?", NotPermitted, "", "consent.refused"},
		{"Mr T has capacity and refused the physio, there is no safeguarding concern. Can I go ahead?", NotPermitted, "", "consent.refused"},
		{"she lacks capacity and her daughter has LPA and agreed to the OT coming in", Permitted, BasisDeputyOrLPA, "consent.incapacity.lpa-deputy"},
		{"pt can't weigh up the information, his son is his attorney and refused, not safeguarding", NotPermitted, "", "consent.incapacity.lpa-deputy"},
		{"she can't weigh up the information, no LPA, best interests decision was made last week - can the joint assessment go ahead?", Permitted, BasisBestInterest, "consent.incapacity.best-interest"},
		{"mum lacks capacity, there's no deputy or LPA and no best interest decision yet, no safeguarding. what now?", NeedsDecision, "", "consent.incapacity.best-interest"},
		{"the carer refused the joint visit even though there's a safeguarding enquiry open", NotPermitted, "", "consent.carer"},
		{"he lacks capacity, the attorney said no, but a section 42 enquiry is ongoing", Permitted, BasisSafeguarding, "consent.safeguarding"},
		{"has capacity, we're the same team and it's just to arrange the direct payment she already asked for, no safeguarding", Permitted, BasisAssumed, "consent.assumed.same-agency"},
	}
	for _, tc := range tests {
		a := b.Ask(tc.q, 3)
		d := a.Decision
		if d == nil {
			t.Errorf("Ask(%q): no decision (facts %v)", tc.q, a.Facts.Pairs())
			continue
		}
		if d.Decision != tc.decision || d.Basis != tc.basis || len(d.Rules) == 0 || d.Rules[0] != tc.firstRule {
			t.Errorf("Ask(%q) facts %v: %s/%q rules %v; want %s/%q first %s", tc.q, a.Facts.Pairs(), d.Decision, d.Basis, d.Rules, tc.decision, tc.basis, tc.firstRule)
		}
	}
}

func TestReadFacts(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"she can't weigh up the information, no LPA", []string{"capacity=no", "attorney=none"}},
		{"he has capacity and said no", []string{"capacity=yes", "consent=no"}},
		{"safeguarding enquiry open", []string{"safeguarding=yes"}},
		{"Sharp as a tack. Doesn't want the physio involved", []string{"capacity=yes", "consent=no"}},
		{"what is joint work", nil},
		{"do we need a referral for the OT", nil},
	}
	for _, tc := range tests {
		if got := ReadFacts(tc.q).Pairs(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ReadFacts(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestNoDecisionWithoutFacts(t *testing.T) {
	b := mustDefault(t)
	for _, q := range []string{"what is benevolent chaos", "who are relevant partners under the care act", "how do I record joint work"} {
		if a := b.Ask(q, 3); a.Decision != nil {
			t.Errorf("Ask(%q): decision %v from facts %v; want none", q, a.Decision, a.Facts.Pairs())
		}
	}
}
