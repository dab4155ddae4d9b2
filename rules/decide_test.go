package rules

import (
	"reflect"
	"testing"
)

// person and carer build complete fact sets: unlisted facts are "no",
// capacity/consent "unknown" and attorney "none", as on the command line.
func person(pairs ...string) Facts { return mustFacts(append([]string{"subject=person"}, pairs...)) }
func carer(pairs ...string) Facts  { return mustFacts(append([]string{"subject=carer"}, pairs...)) }
func child(pairs ...string) Facts  { return mustFacts(append([]string{"subject=child"}, pairs...)) }

func mustFacts(pairs []string) Facts {
	f, err := ParseFacts(pairs)
	if err != nil {
		panic(err)
	}
	return f.WithDefaults()
}

// TestConsentTable has one case per row of the table in RULEBOOK-SPEC.md.
func TestConsentTable(t *testing.T) {
	tests := []struct {
		row       string
		f         Facts
		decision  string
		basis     string
		firstRule string
		missing   []string
	}{
		{"subject consents (person)", person("capacity=yes", "consent=yes"), Permitted, BasisConsent, "consent.required", nil},
		{"subject consents (carer)", carer("direct=yes", "consent=yes"), Permitted, BasisConsent, "consent.carer", nil},
		{"person, safeguarding enquiry, no consent", person("capacity=yes", "consent=no", "safeguarding=yes"), Permitted, BasisSafeguarding, "consent.safeguarding", nil},
		{"person, safeguarding enquiry, not asked", person("capacity=unknown", "safeguarding=yes"), Permitted, BasisSafeguarding, "consent.safeguarding", nil},
		{"capacity, not asked, same agency arranging", person("capacity=yes", "same-agency=yes", "arranging-service=yes"), Permitted, BasisAssumed, "consent.assumed.same-agency", nil},
		{"capacity, refused, no safeguarding", person("capacity=yes", "consent=no"), NotPermitted, "", "consent.refused", nil},
		{"capacity, not asked, not an assumed case", person("capacity=yes", "same-agency=yes"), NeedsDecision, "", "consent.required", []string{"consent"}},
		{"lacks capacity, Deputy/LPA consents", person("capacity=no", "attorney=consents"), Permitted, BasisDeputyOrLPA, "consent.incapacity.lpa-deputy", nil},
		{"lacks capacity, Deputy/LPA refuses, no safeguarding", person("capacity=no", "attorney=refuses"), NotPermitted, "", "consent.incapacity.lpa-deputy", nil},
		{"lacks capacity, no LPA, BI decision made", person("capacity=no", "best-interest=yes"), Permitted, BasisBestInterest, "consent.incapacity.best-interest", nil},
		{"lacks capacity, no LPA, no BI decision yet", person("capacity=no"), NeedsDecision, "", "consent.incapacity.best-interest", []string{"best-interest"}},
		{"carer, direct, refused", carer("direct=yes", "consent=no"), NotPermitted, "", "consent.carer", nil},
		{"carer, direct, refused, even with safeguarding", carer("direct=yes", "consent=no", "safeguarding=yes"), NotPermitted, "", "consent.carer", nil},
		{"carer, direct, not asked", carer("direct=yes"), NeedsDecision, "", "consent.carer", []string{"consent"}},
		{"capacity unknown, consent not asked", person(), NeedsDecision, "", "consent.required", []string{"consent"}},
		{"capacity refusal never overridden by assumed consent", person("capacity=yes", "consent=no", "same-agency=yes", "arranging-service=yes"), NotPermitted, "", "consent.refused", nil},
		{"lacks capacity: own yes does not count", person("capacity=no", "consent=yes"), NeedsDecision, "", "consent.incapacity.best-interest", []string{"best-interest"}},
		{"capacity unknown, refused: presumed, not permitted", person("consent=no"), NotPermitted, "", "consent.refused", nil},
		{"capacity unknown, consents", person("consent=yes"), Permitted, BasisConsent, "consent.required", nil},
		{"Deputy refuses, safeguarding enquiry", person("capacity=no", "attorney=refuses", "safeguarding=yes"), Permitted, BasisSafeguarding, "consent.safeguarding", nil},
		{"carer, indirect, same agency arranging", carer("same-agency=yes", "arranging-service=yes"), Permitted, BasisAssumed, "consent.assumed.same-agency", nil},
		{"carer, direct, same agency arranging: still ask", carer("direct=yes", "same-agency=yes", "arranging-service=yes"), NeedsDecision, "", "consent.carer", []string{"consent"}},
		{"carer lacks capacity, says yes: seek advice", carer("direct=yes", "capacity=no", "consent=yes"), NeedsDecision, "", "consent.carer", nil},
		{"carer capacity unknown, consents (presumed)", carer("direct=yes", "consent=yes"), Permitted, BasisConsent, "consent.carer", nil},
		{"child 16-17 consents", child("age=16-17", "consent=yes"), Permitted, BasisConsent, "consent.child.young-person", nil},
		{"child 16-17 refuses, parent agrees", child("age=16-17", "consent=no", "parental-consent=yes"), NotPermitted, "", "consent.child", nil},
		{"child 16-17 lacks capacity, parent agrees", child("age=16-17", "capacity=no", "parental-consent=yes"), Permitted, BasisParental, "consent.child", nil},
		{"child under 16 competent consents", child("age=under-16", "competent=yes", "consent=yes"), Permitted, BasisConsent, "consent.child.young-person", nil},
		{"child under 16 not competent, parent not asked", child("age=under-16", "competent=no", "consent=yes"), NeedsDecision, "", "consent.child", []string{"parental-consent"}},
		{"child under 16, competence unknown, child yes", child("age=under-16", "consent=yes"), NeedsDecision, "", "consent.child.young-person", []string{"competent"}},
		{"child protection, parent refuses", child("age=under-16", "competent=no", "parental-consent=no", "child-protection=yes"), Permitted, BasisChildProtection, "consent.child.protection", nil},
		{"child, age unknown, parent and child agree", child("consent=yes", "parental-consent=yes"), Permitted, BasisConsent, "consent.child", nil},
		{"child, age unknown, nothing known", child(), NeedsDecision, "", "consent.child", []string{"age"}},
	}
	for _, tc := range tests {
		t.Run(tc.row, func(t *testing.T) {
			d := Decide(tc.f)
			if d.Decision != tc.decision || d.Basis != tc.basis || len(d.Rules) == 0 || d.Rules[0] != tc.firstRule {
				t.Errorf("Decide(%v) = %s/%q rules %v; want %s/%q first rule %s", tc.f.Pairs(), d.Decision, d.Basis, d.Rules, tc.decision, tc.basis, tc.firstRule)
			}
			if want := append([]string{}, tc.missing...); !reflect.DeepEqual(d.Missing, want) {
				t.Errorf("Missing = %v, want %v", d.Missing, want)
			}
		})
	}
}

func TestDecideAsksForUnsetFactsInOrder(t *testing.T) {
	tests := []struct {
		pairs   []string
		missing []string
	}{
		{nil, []string{"subject", "age", "capacity", "competent", "consent", "parental-consent", "attorney", "best-interest",
			"safeguarding", "child-protection", "direct", "same-agency", "arranging-service"}},
		{[]string{"subject=person", "capacity=yes", "consent=yes", "direct=yes"}, []string{}},
		{[]string{"capacity=yes", "consent=yes"}, []string{"subject", "age", "competent", "parental-consent", "child-protection"}},
		{[]string{"subject=person", "capacity=yes", "consent=no"}, []string{"safeguarding"}},
		{[]string{"subject=person", "capacity=no"}, []string{"attorney", "best-interest", "safeguarding"}},
		{[]string{"subject=carer", "consent=no"}, []string{"capacity"}},
		{[]string{"subject=carer", "capacity=unknown", "consent=no"}, []string{}},
		{[]string{"subject=carer"}, []string{"capacity", "consent", "direct", "same-agency", "arranging-service"}},
		{[]string{"subject=child"}, []string{"age", "capacity", "competent", "consent", "parental-consent", "child-protection"}},
		{[]string{"subject=child", "age=16-17", "consent=yes"}, []string{"capacity", "parental-consent", "child-protection"}},
		{[]string{"subject=child", "age=16-17", "capacity=yes", "consent=yes"}, []string{}},
	}
	for _, tc := range tests {
		f, err := ParseFacts(tc.pairs)
		if err != nil {
			t.Fatal(err)
		}
		d := Decide(f)
		if !reflect.DeepEqual(d.Missing, tc.missing) {
			t.Errorf("Decide(%v).Missing = %v, want %v", tc.pairs, d.Missing, tc.missing)
		}
		if len(tc.missing) > 0 && d.Decision != NeedsDecision {
			t.Errorf("Decide(%v) = %s with facts missing, want needs_decision", tc.pairs, d.Decision)
		}
	}
}

// eachFacts calls fn with every combination of the facts that apply to
// each subject, unset ("") included; the others stay unset.
func eachFacts(fn func(Facts)) {
	for _, subject := range append([]string{""}, factValues["subject"]...) {
		keys := relevant[subject]
		if subject == "" {
			keys = []string{"capacity", "consent", "safeguarding"}
		}
		var rec func(i int, f Facts)
		rec = func(i int, f Facts) {
			if i == len(keys) {
				fn(f)
				return
			}
			for _, v := range append([]string{""}, factValues[keys[i]]...) {
				*f.field(keys[i]) = v
				rec(i+1, f)
			}
		}
		rec(0, Facts{Subject: subject})
	}
}

// TestDecideProperties checks every partial combination of the facts.
func TestDecideProperties(t *testing.T) {
	book := mustDefault(t)
	bases := map[string]bool{BasisConsent: true, BasisSafeguarding: true, BasisAssumed: true, BasisDeputyOrLPA: true,
		BasisBestInterest: true, BasisParental: true, BasisChildProtection: true}
	n, errs := 0, 0
	eachFacts(func(f Facts) {
		n++
		d := Decide(f)
		fail := func(msg string) {
			if errs++; errs <= 20 {
				t.Errorf("%v → %+v: %s", f.Pairs(), d, msg)
			}
		}
		switch d.Decision {
		case Permitted:
			if !bases[d.Basis] {
				fail("permitted without a valid basis")
			}
		case NotPermitted, NeedsDecision:
			if d.Basis != "" {
				fail("basis given without permission")
			}
		default:
			fail("unknown decision")
		}
		if len(d.Rules) == 0 || d.NextStep == "" {
			fail("no rules or no next step")
		}
		for _, id := range d.Rules {
			if _, ok := book.Rule(id); !ok {
				fail("cites unknown rule " + id)
			}
		}
		if d.Decision == NeedsDecision && len(d.Missing) == 0 && !(f.Subject == "carer" && f.Capacity == "no") {
			fail("needs_decision with nothing missing")
		}
		checkMissing(f, d, fail)
		if f.Subject == "person" && f.Capacity != "no" && f.Consent == "no" && f.Safeguarding != "yes" && d.Decision == Permitted {
			fail("a refusal by a person with (presumed) capacity was permitted without a safeguarding enquiry")
		}
		if f.Subject == "carer" && (f.Consent == "no" || f.Capacity == "no") && d.Decision == Permitted {
			fail("a carer's refusal, or a carer lacking capacity, was permitted")
		}
		if f.Capacity == "no" && f.Subject == "person" && d.Basis == BasisConsent {
			fail("a person lacking capacity gave consent")
		}
		if f.Consent == "no" && d.Basis == BasisAssumed {
			fail("assumed consent overrode a refusal")
		}
		if d.Decision != NeedsDecision {
			checkSettled(f, d, fail)
		}
	})
	if n != 4*4*3+5184+432+2304 {
		t.Errorf("checked %d combinations", n)
	}
}

// checkMissing: Missing keys are real, unique, and unset unless they are the
// open question of a settled needs_decision.
func checkMissing(f Facts, d Decision, fail func(string)) {
	seen := map[string]bool{}
	for _, k := range d.Missing {
		if factValues[k] == nil || seen[k] {
			fail("bad or repeated missing key " + k)
		}
		seen[k] = true
	}
	for _, k := range d.Missing {
		if f.Get(k) != "" && d.Decision == NeedsDecision && anyUnsetMatters(f, d) {
			fail("asks again for set fact " + k)
		}
	}
}

// anyUnsetMatters reports whether d is undecided because of unset facts.
func anyUnsetMatters(f Facts, d Decision) bool {
	for _, k := range d.Missing {
		if f.Get(k) == "" {
			return true
		}
	}
	return false
}

// checkSettled: a final decision holds whatever the unset facts turn out to be.
func checkSettled(f Facts, d Decision, fail func(string)) {
	var keys []string
	for _, k := range factKeys {
		if f.Get(k) == "" && (f.Subject == "" || contains(relevant[f.Subject], k)) {
			keys = append(keys, k)
		}
	}
	if f.Subject == "" {
		keys = append(keys, "subject")
	}
	// A permitted decision may stand on the basis that holds with nothing
	// more known when every completion permits the work (only the basis
	// would differ); any other decision must be the same in every completion.
	anyBasis := d.Decision == Permitted && f.Subject != "child"
	for _, o := range completions(f, keys) {
		if o.decision != d.Decision || (o.basis != d.Basis && !anyBasis) {
			fail("decision given although an unset fact could change it")
			return
		}
	}
	if anyBasis {
		def := f.WithDefaults()
		if o := decideKnown(&def); o.basis != d.Basis {
			fail("basis is not the one that holds with nothing more known")
		}
	}
}

// TestDialogReachesADecision answers NextQuestion one fact at a time, as the
// chat dialog will, and checks it ends with a settled decision.
func TestDialogReachesADecision(t *testing.T) {
	answers := []Facts{
		{Subject: "person", Capacity: "yes", Consent: "yes"},
		{Subject: "person", Capacity: "no", Attorney: "none", BestInterest: "no", Safeguarding: "no"},
		{Subject: "carer", Consent: "unknown", Direct: "yes"},
		{Subject: "child", Age: "under-16", Competent: "unknown", Consent: "yes", ParentalConsent: "no"},
		{Subject: "child", Age: "16-17", Capacity: "no"},
		person("capacity=yes", "consent=unknown"),
	}
	for _, truth := range answers {
		var f Facts
		for step := 0; ; step++ {
			q, ok := NextQuestion(f)
			if !ok {
				break
			}
			if step > len(factKeys) {
				t.Fatalf("dialog for %v does not end", truth.Pairs())
			}
			v := truth.Get(q.Key)
			if v == "" {
				v = q.Options[len(q.Options)-1].Value
			}
			f, _ = f.Set(q.Key, v)
		}
		d := Decide(f)
		if anyUnsetMatters(f, d) {
			t.Errorf("dialog for %v stopped with unset facts missing: %+v", truth.Pairs(), d)
		}
	}
}
