package rules

import (
	"strings"
	"testing"
)

// TestRuleTextsIssue13 holds the rule texts to the facts issue 13 and the
// corrected RULEBOOK-SPEC.md require (and to what they must no longer say).
func TestRuleTextsIssue13(t *testing.T) {
	tests := []struct {
		id           string
		must, mustNo []string // substrings of the answer (case-insensitive)
		noTerms      []string
	}{
		{"jw.form.direct", []string{"as all joint work does"}, []string{"because the person or carer takes part"}, nil},
		{"jw.form.indirect", []string{"still needs the person's consent", "assumed consent"}, nil, nil},
		{"jw.forms.combine", []string{"consent is needed whatever the form", "direct or indirect"}, []string{"consent when it is direct"}, nil},
		{"consent.required", []string{"direct or indirect"}, nil, nil},
		{"consent.carer", []string{"indirect work needs it too", "seek advice"}, nil, nil},
		{"consent.incapacity.lpa-deputy", []string{"health and welfare lpa", "property and financial affairs lpa cannot",
			"next of kin have no authority", "mental capacity act 2005", "not from the guidance"}, nil,
			[]string{"next of kin", "property and finance", "family member consents"}},
		{"consent.capacity", []string{"capacity is presumed", "s1(2)", "only if there is a reason to doubt"}, nil, nil},
		{"consent.safeguarding", []string{"for a child, child protection"}, nil, []string{"protection"}},
		{"law.care-act-s6", []string{"binds only", "schools and charities are not relevant partners", "care and support functions"}, nil, nil},
		{"jw.form.multi-agency", []string{"binds only the local authority and its relevant partners", "schools and charities are not relevant partners"},
			[]string{"the care act duty to co-operate applies to this kind of work"}, nil},
		{"concern.whistleblowing", []string{"compromises the safety or wellbeing", "a carer with support needs", "compromises a child's safety"}, []string{"endangers"}, nil},
		{"principle.courtesy", []string{"professional respect for those in authority"}, nil, nil},
		{"tac.matrix", []string{"limbrick's ideal", "not a current duty", "strategic"}, nil, nil},
		{"jw.benefits.person", []string{"outcomes they get tend to last longer"}, nil, nil},
		{"jw.benefits.organisation", nil, []string{"last longer", "sustainable"}, []string{"sustainable outcomes"}},
		{"consent.child", []string{"parental responsibility", "gillick", "not the kent guidance", "local safeguarding children partnership"}, nil, nil},
		{"consent.child.protection", []string{"section 47 of the children act 1989", "significant harm", "not the kent guidance"}, nil, nil},
	}
	b := mustDefault(t)
	for _, tc := range tests {
		r, ok := b.Rule(tc.id)
		if !ok {
			t.Errorf("no rule %s", tc.id)
			continue
		}
		answer := strings.ToLower(r.Answer)
		for _, s := range tc.must {
			if !strings.Contains(answer, s) {
				t.Errorf("%s: answer lacks %q", tc.id, s)
			}
		}
		for _, s := range tc.mustNo {
			if strings.Contains(answer, s) {
				t.Errorf("%s: answer still says %q", tc.id, s)
			}
		}
		for _, term := range tc.noTerms {
			if contains(r.Terms, term) {
				t.Errorf("%s: still has search term %q", tc.id, term)
			}
		}
	}
}

// TestQuestionsIssue13: the questions the issue names get an answer that
// says the right thing (or no confident answer at all).
func TestQuestionsIssue13(t *testing.T) {
	b := mustDefault(t)
	tests := []struct {
		q      string
		ok     []string // acceptable top rules when confident
		notTop string
	}{
		{"do I need consent for indirect joint work", []string{"jw.form.indirect", "consent.required", "jw.forms.combine"}, ""},
		{"is a school a relevant partner", []string{"law.care-act-s6", "jw.form.multi-agency"}, ""},
		{"child protection", nil, "consent.safeguarding"},
		{"section 47 enquiry, can we share without the parents agreeing", nil, "consent.safeguarding"},
	}
	for _, tc := range tests {
		a := b.Ask(tc.q, 3)
		if !a.Confident || len(a.Hits) == 0 {
			continue
		}
		top := a.Hits[0].Rule.ID
		if tc.ok != nil && !contains(tc.ok, top) {
			t.Errorf("%q → %s, want one of %v", tc.q, top, tc.ok)
		}
		if top == tc.notTop {
			t.Errorf("%q → %s (the adult rule)", tc.q, top)
		}
	}
}
