package rules

import (
	"reflect"
	"testing"
)

// person and carer build complete fact sets: unlisted facts are "no",
// capacity/consent "unknown" and attorney "none", as on the command line.
func person(pairs ...string) Facts { return mustFacts(append([]string{"subject=person"}, pairs...)) }
func carer(pairs ...string) Facts  { return mustFacts(append([]string{"subject=carer"}, pairs...)) }

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
		{"capacity unknown, consent not asked", person(), NeedsDecision, "", "consent.required", []string{"consent", "capacity"}},
		{"capacity refusal never overridden by assumed consent", person("capacity=yes", "consent=no", "same-agency=yes", "arranging-service=yes"), NotPermitted, "", "consent.refused", nil},
		{"lacks capacity: own yes does not count", person("capacity=no", "consent=yes"), NeedsDecision, "", "consent.incapacity.best-interest", []string{"best-interest"}},
		{"capacity unknown, refused: assess", person("consent=no"), NeedsDecision, "", "consent.refused", []string{"capacity"}},
		{"capacity unknown, consents", person("consent=yes"), Permitted, BasisConsent, "consent.required", nil},
		{"Deputy refuses, safeguarding enquiry", person("capacity=no", "attorney=refuses", "safeguarding=yes"), Permitted, BasisSafeguarding, "consent.safeguarding", nil},
		{"carer, indirect, same agency arranging", carer("same-agency=yes", "arranging-service=yes"), Permitted, BasisAssumed, "consent.assumed.same-agency", nil},
		{"carer, direct, same agency arranging: still ask", carer("direct=yes", "same-agency=yes", "arranging-service=yes"), NeedsDecision, "", "consent.carer", []string{"consent"}},
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
		{nil, []string{"subject", "capacity", "consent", "attorney", "best-interest", "safeguarding", "direct", "same-agency", "arranging-service"}},
		{[]string{"capacity=yes", "consent=yes", "direct=yes"}, []string{}},
		{[]string{"subject=person", "capacity=yes", "consent=no"}, []string{"safeguarding"}},
		{[]string{"subject=person", "capacity=no"}, []string{"attorney", "best-interest", "safeguarding"}},
		{[]string{"subject=carer", "consent=no"}, []string{}},
		{[]string{"subject=carer"}, []string{"consent", "direct", "same-agency", "arranging-service"}},
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

// eachFacts calls fn with every combination of facts, unset ("") included.
func eachFacts(fn func(Facts)) {
	var rec func(i int, f Facts)
	rec = func(i int, f Facts) {
		if i == len(factKeys) {
			fn(f)
			return
		}
		for _, v := range append([]string{""}, factValues[factKeys[i]]...) {
			*f.field(factKeys[i]) = v
			rec(i+1, f)
		}
	}
	rec(0, Facts{})
}

// TestDecideProperties checks every one of the 46,656 fact combinations.
func TestDecideProperties(t *testing.T) {
	book := mustDefault(t)
	bases := map[string]bool{BasisConsent: true, BasisSafeguarding: true, BasisAssumed: true, BasisDeputyOrLPA: true, BasisBestInterest: true}
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
		if d.Decision == NeedsDecision && len(d.Missing) == 0 {
			fail("needs_decision with nothing missing")
		}
		checkMissing(f, d, fail)
		if f.Subject == "person" && f.Capacity == "yes" && f.Consent == "no" && f.Safeguarding != "yes" && d.Decision == Permitted {
			fail("a refusal by a person with capacity was permitted without a safeguarding enquiry")
		}
		if f.Subject == "carer" && f.Consent == "no" && d.Decision == Permitted {
			fail("a carer's refusal was permitted")
		}
		if f.Consent == "no" && d.Basis == BasisAssumed {
			fail("assumed consent overrode a refusal")
		}
		if d.Decision != NeedsDecision {
			checkSettled(f, d, fail)
		}
	})
	if n != 46656 {
		t.Errorf("checked %d combinations, want 46656", n)
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
		if f.Get(k) == "" {
			keys = append(keys, k)
		}
	}
	for _, o := range completions(f, keys) {
		if o.decision != d.Decision || o.basis != d.Basis {
			fail("decision given although an unset fact could change it")
			return
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
