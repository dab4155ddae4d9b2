package rules

import (
	"reflect"
	"testing"
)

// TestScenarioRows phrases the rows of the consent table in RULEBOOK-SPEC.md
// the way practitioners write them: Ask reads the row's facts and returns
// the decision Decide gives for them.
func TestScenarioRows(t *testing.T) {
	b := mustDefault(t)
	tests := []struct {
		row, q string
		facts  []string
	}{
		{"person with capacity consents", "He has capacity and has agreed to the joint visit with the OT, can we go ahead?",
			[]string{"subject=person", "capacity=yes", "consent=yes"}},
		{"carer consents", "the carer agreed to us doing a joint carers assessment with the nurse, ok to proceed?",
			[]string{"subject=carer", "consent=yes"}},
		{"safeguarding enquiry, no consent", "She has capacity and said no but there's an open s42 enquiry, can we still do the joint visit?",
			[]string{"subject=person", "capacity=yes", "consent=no", "safeguarding=yes"}},
		{"assumed consent, same agency", "has capacity, we're the same team and it's just to arrange the direct payment she already asked for, no safeguarding",
			[]string{"subject=person", "capacity=yes", "consent=unknown", "safeguarding=no", "same-agency=yes", "arranging-service=yes"}},
		{"capacity, refused", "client has capacity, said no to the joint visit, no safeguarding enquiry. can I go ahead anyway?",
			[]string{"subject=person", "capacity=yes", "consent=no", "safeguarding=no"}},
		{"capacity not assessed, refused", "we haven't assessed her capacity, she refused the joint visit, and there's no safeguarding enquiry",
			[]string{"subject=person", "capacity=unknown", "consent=no", "safeguarding=no"}},
		{"capacity, not yet asked", "he has capacity, we have not asked him yet about the physio coming, no safeguarding",
			[]string{"subject=person", "capacity=yes", "consent=unknown", "safeguarding=no"}},
		{"LPA consents", "she lacks capacity and her daughter has LPA and agreed to the OT coming in",
			[]string{"subject=person", "capacity=no", "attorney=consents"}},
		{"LPA refuses", "pt can't weigh up the information, his son is his attorney and refused, not safeguarding",
			[]string{"subject=person", "capacity=no", "attorney=refuses", "safeguarding=no"}},
		{"best interest decision made", "she can't weigh up the information, no LPA, best interests decision was made last week - can the joint assessment go ahead?",
			[]string{"subject=person", "capacity=no", "attorney=none", "best-interest=yes"}},
		{"no best interest decision yet", "mum lacks capacity, there's no deputy or LPA and no best interest decision yet, no safeguarding. what now?",
			[]string{"subject=person", "capacity=no", "attorney=none", "best-interest=no", "safeguarding=no"}},
		{"lacks capacity, says yes", "he lacks capacity but he said yes to the joint visit",
			[]string{"subject=person", "capacity=no", "consent=yes"}},
		{"carer refused despite safeguarding", "the carer refused the joint visit even though there's a safeguarding enquiry open",
			[]string{"subject=carer", "consent=no", "safeguarding=yes"}},
		{"carer not yet asked", "we have not asked the carer yet about a joint visit with the OT",
			[]string{"subject=carer", "consent=unknown"}},
		{"capacity unknown, not asked", "not sure about her capacity and we haven't asked her yet",
			[]string{"subject=person", "capacity=unknown", "consent=unknown"}},
		{"LPA refuses, safeguarding", "he lacks capacity, the attorney said no, but a section 42 enquiry is ongoing",
			[]string{"subject=person", "capacity=no", "attorney=refuses", "safeguarding=yes"}},
	}
	for _, tc := range tests {
		a := b.Ask(tc.q, 3)
		if got := a.Facts.Pairs(); !reflect.DeepEqual(got, tc.facts) {
			t.Errorf("%s: facts %v, want %v (%q)", tc.row, got, tc.facts, tc.q)
			continue
		}
		want := Decide(mustParse(t, tc.facts))
		if a.Decision == nil || !reflect.DeepEqual(*a.Decision, want) {
			t.Errorf("%s: decision %+v, want %+v", tc.row, a.Decision, want)
		}
	}
}

func mustParse(t *testing.T, pairs []string) Facts {
	t.Helper()
	f, err := ParseFacts(pairs)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestScenarioDecisions checks a few outcomes of the consent table end to
// end, from words to decision.
func TestScenarioDecisions(t *testing.T) {
	b := mustDefault(t)
	tests := []struct{ q, decision, basis string }{
		{"He has capacity and has agreed to the joint visit with the OT", Permitted, BasisConsent},
		{"she lacks capacity and her daughter has LPA and agreed to the OT coming in", Permitted, BasisDeputyOrLPA},
		{"client has capacity, said no to the joint visit, no safeguarding enquiry", NotPermitted, ""},
		{"she can't weigh up the information, no LPA, best interests decision was made", Permitted, BasisBestInterest},
	}
	for _, tc := range tests {
		d := b.Ask(tc.q, 3).Decision
		if d == nil || d.Decision != tc.decision || d.Basis != tc.basis {
			t.Errorf("Ask(%q): decision %+v, want %s/%q", tc.q, d, tc.decision, tc.basis)
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
		{"if I refuse a referral do I have to explain why", nil},
		{"other team declined my written request", nil},
		{"is there an agreed protocol with the trust", nil},
		{"nobody agreed who was doing the equipment", nil},
		{"he has capacity, there's a neglect concern and the s42 has started", []string{"capacity=yes", "safeguarding=yes"}},
		{"does a refusal from someone with capacity stop it", []string{"capacity=yes", "consent=no"}},
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

// TestPrefilterKeepsFacts: skipping clauses without a trigger word gives
// the same facts as running every pattern, over all training utterances.
func TestPrefilterKeepsFacts(t *testing.T) {
	emb, err := embeddedUtterances()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, us := range emb {
		texts = append(texts, us...)
	}
	texts = append(texts, offTopicTexts()...)
	defer func() { prefilter = true }()
	for _, q := range texts {
		prefilter = true
		fast := ReadFacts(q)
		prefilter = false
		if slow := ReadFacts(q); fast != slow {
			t.Errorf("%q: prefiltered %v, full %v", q, fast.Pairs(), slow.Pairs())
		}
	}
}
