package rules

import (
	"sort"
	"strings"
	"testing"
)

// This file encodes RULEBOOK-SPEC.md's consent table and its "Children"
// section as rows written from the spec text, without calling the decision
// code, and checks Decide against them for every combination of facts.

// specRow is one row of the spec: a predicate on complete facts and the
// decision and basis it gives. Rows are tried in order (the table's order,
// valid consent first, then an enquiry, then the other routes).
type specRow struct {
	name            string
	match           func(f Facts) bool
	decision, basis string
}

func isPerson(f Facts) bool { return f.Subject == "person" }
func isCarer(f Facts) bool  { return f.Subject == "carer" }

var adultRows = []specRow{
	{"subject with capacity (or presumed, MCA s1(2)) consents", func(f Facts) bool {
		return (isPerson(f) || isCarer(f)) && f.Capacity != "no" && f.Consent == "yes"
	}, Permitted, BasisConsent},
	{"carer who lacks capacity", func(f Facts) bool { return isCarer(f) && f.Capacity == "no" }, NeedsDecision, ""},
	{"person lacks capacity, Deputy or LPA consents", func(f Facts) bool {
		return isPerson(f) && f.Capacity == "no" && f.Attorney == "consents"
	}, Permitted, BasisDeputyOrLPA},
	{"lacks capacity, no Deputy/LPA, best interest decision made", func(f Facts) bool {
		return isPerson(f) && f.Capacity == "no" && f.Attorney != "refuses" && f.BestInterest == "yes"
	}, Permitted, BasisBestInterest},
	{"person, safeguarding enquiry, no valid consent", func(f Facts) bool { return isPerson(f) && f.Safeguarding == "yes" }, Permitted, BasisSafeguarding},
	{"person with capacity, not asked, same agency, solely arranging", func(f Facts) bool {
		return isPerson(f) && f.Capacity == "yes" && f.Consent == "unknown" && f.SameAgency == "yes" && f.ArrangingService == "yes"
	}, Permitted, BasisAssumed},
	{"person with capacity, refused", func(f Facts) bool { return isPerson(f) && f.Capacity == "yes" && f.Consent == "no" }, NotPermitted, ""},
	{"capacity not assessed, refused (capacity presumed)", func(f Facts) bool {
		return isPerson(f) && f.Capacity == "unknown" && f.Consent == "no"
	}, NotPermitted, ""},
	{"person with capacity, not yet asked", func(f Facts) bool { return isPerson(f) && f.Capacity == "yes" }, NeedsDecision, ""},
	{"capacity unknown, not asked", func(f Facts) bool { return isPerson(f) && f.Capacity == "unknown" }, NeedsDecision, ""},
	{"lacks capacity, Deputy or LPA refuses", func(f Facts) bool { return isPerson(f) && f.Attorney == "refuses" }, NotPermitted, ""},
	{"lacks capacity, 'consents' themselves, nothing else", func(f Facts) bool { return isPerson(f) && f.Consent == "yes" }, NeedsDecision, ""},
	{"lacks capacity, no Deputy/LPA, no best interest decision", isPerson, NeedsDecision, ""},
	{"carer refused (no safeguarding override)", func(f Facts) bool { return isCarer(f) && f.Consent == "no" }, NotPermitted, ""},
	// Kent: "the consent of the person or carer can be assumed" for same-agency
	// work solely arranging an agreed service; direct work with a carer is asked.
	{"carer, indirect, same agency, solely arranging", func(f Facts) bool {
		return isCarer(f) && f.Direct == "no" && f.SameAgency == "yes" && f.ArrangingService == "yes"
	}, Permitted, BasisAssumed},
	{"carer, not yet asked", isCarer, NeedsDecision, ""},
}

// childRows take the child's say as settled: can is "yes" when the young
// person can decide (16–17 with capacity, presumed; under 16 competent).
func childRows(can bool) []specRow {
	yp := func(consent string) func(Facts) bool {
		return func(f Facts) bool { return can && f.Consent == consent }
	}
	pr := func(v string) func(Facts) bool {
		return func(f Facts) bool { return !can && f.ParentalConsent == v }
	}
	cp := func(f Facts) bool { return f.ChildProtection == "yes" }
	return []specRow{
		{"young person able to decide consents", yp("yes"), Permitted, BasisConsent},
		{"parental responsibility consents for a child who cannot decide", pr("yes"), Permitted, BasisParental},
		{"child protection enquiry (s47) or significant harm, no consent", cp, Permitted, BasisChildProtection},
		{"young person able to decide refuses", yp("no"), NotPermitted, ""},
		{"parental responsibility refuses", pr("no"), NotPermitted, ""},
		{"young person not yet asked", yp("unknown"), NeedsDecision, ""},
		{"parental responsibility not yet asked", pr("unknown"), NeedsDecision, ""},
	}
}

// specDecide gives the spec's decision and basis for complete facts (a
// child's age may be unset), and the row that decided it.
func specDecide(f Facts) (decision, basis, row string) {
	if f.Subject != "child" {
		return firstRow(adultRows, f)
	}
	if f.Age == "" { // the decision holds only if both ages agree
		return unsettled(f, "age", "under-16", "16-17")
	}
	can := f.Age == "16-17" && f.Capacity != "no" || f.Age == "under-16" && f.Competent == "yes"
	known := f.Age == "16-17" || f.Competent != "unknown"
	if known {
		return firstRow(childRows(can), f)
	}
	d1, b1, _ := firstRow(childRows(true), f)
	d2, b2, _ := firstRow(childRows(false), f)
	switch {
	case d1 == Permitted && d2 == Permitted && f.ChildProtection == "yes":
		return Permitted, BasisChildProtection, "competence unknown, child protection"
	case d1 == Permitted && d2 == Permitted:
		return Permitted, BasisConsent, "competence unknown, child and parent both consent"
	case d1 == d2 && b1 == b2 && d1 != NeedsDecision:
		return d1, b1, "competence unknown, both routes agree"
	}
	return NeedsDecision, "", "competence unknown: assess it (Gillick)"
}

func firstRow(rows []specRow, f Facts) (string, string, string) {
	for _, r := range rows {
		if r.match(f) {
			return r.decision, r.basis, r.name
		}
	}
	return "", "", "no row"
}

// unsettled decides with key set to each value; one answer if they agree.
func unsettled(f Facts, key string, vals ...string) (string, string, string) {
	var ds, bs []string
	for _, v := range vals {
		g := f
		*g.field(key) = v
		d, b, _ := specDecide(g)
		ds, bs = append(ds, d), append(bs, b)
	}
	if ds[0] == ds[1] && bs[0] == bs[1] && ds[0] != NeedsDecision {
		return ds[0], bs[0], key + " unset, both agree"
	}
	return NeedsDecision, "", key + " unset: ask it"
}

// eachComplete calls fn with every complete combination of the facts (age
// also unset, as when --age is left out).
func eachComplete(fn func(Facts)) {
	var rec func(i int, f Facts)
	rec = func(i int, f Facts) {
		if i == len(factKeys) {
			fn(f)
			return
		}
		vals := factValues[factKeys[i]]
		if factKeys[i] == "age" {
			vals = append([]string{""}, vals...)
		}
		for _, v := range vals {
			*f.field(factKeys[i]) = v
			rec(i+1, f)
		}
	}
	rec(0, Facts{})
}

// TestConsentEnumeration checks Decide on every combination of the facts,
// child included, against the spec rows, and the wording of each decision.
func TestConsentEnumeration(t *testing.T) {
	book := mustDefault(t)
	byDecision, byRow := map[string]int{}, map[string]int{}
	n, errs := 0, 0
	eachComplete(func(f Facts) {
		n++
		d := Decide(f)
		want, basis, row := specDecide(f)
		byDecision[f.Subject+" "+d.Decision]++
		byRow[row]++
		fail := func(msg string) {
			if errs++; errs <= 20 {
				t.Errorf("%v → %s/%s %q: %s", f.Pairs(), d.Decision, d.Basis, d.NextStep, msg)
			}
		}
		if d.Decision != want || d.Basis != basis {
			fail("spec row " + row + " says " + want + "/" + basis)
		}
		checkWording(book, f, d, fail)
	})
	if want := 3 * 2 * 3 * 3 * 3 * 2 * 2 * 2 * 2 * 3 * 3 * 3 * 2; n != want {
		t.Errorf("checked %d combinations, want %d", n, want)
	}
	t.Logf("consent enumeration: %d combinations", n)
	logCounts(t, "by subject and decision", byDecision)
	logCounts(t, "by spec row", byRow)
}

func logCounts(t *testing.T, title string, m map[string]int) {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	t.Logf("%s:", title)
	for _, k := range keys {
		t.Logf("  %6d  %s", m[k], k)
	}
}

// checkWording: rules exist and fit the subject; the next step agrees with
// the decision; child decisions never use adult routes; capacity-unknown
// decisions do not tell the practitioner to assess as a matter of course.
func checkWording(book *Book, f Facts, d Decision, fail func(string)) {
	for _, id := range d.Rules {
		if _, ok := book.Rule(id); !ok {
			fail("cites unknown rule " + id)
		}
		if (f.Subject == "child") != strings.HasPrefix(id, "consent.child") {
			fail("rule " + id + " does not fit the subject")
		}
	}
	text := strings.ToLower(d.NextStep + " " + d.Note)
	switch {
	case len(d.Rules) == 0 || d.NextStep == "":
		fail("no rules or no next step")
	case d.Decision == Permitted && !strings.HasPrefix(d.NextStep, "Go ahead"):
		fail("permitted, but the next step does not say go ahead")
	case d.Decision == NotPermitted && !strings.HasPrefix(d.NextStep, "Do not go ahead"):
		fail("not permitted, but the next step does not say do not go ahead")
	case d.Decision == NeedsDecision && strings.HasPrefix(d.NextStep, "Go ahead"):
		fail("needs a decision, but the next step says go ahead")
	}
	if f.Subject == "child" {
		for _, adult := range []string{"deputy", "lpa", "attorney", "best interest", "mental capacity act 2005 s1"} {
			if strings.Contains(text, adult) {
				fail("child decision uses adult wording " + adult)
			}
		}
		if !strings.Contains(text, "children's law") || !strings.Contains(text, "local safeguarding children partnership") {
			fail("child decision does not say it rests on children's law, checked locally")
		}
	}
	if f.Subject == "person" && f.Capacity == "unknown" && d.Decision != Permitted && !strings.Contains(text, "reason to doubt") {
		fail("capacity unknown: next step does not say to assess only if there is a reason to doubt it")
	}
	if strings.Contains(text, "must assess") || strings.Contains(text, "assess it under your mca process first") {
		fail("tells the practitioner to assess capacity as a matter of course")
	}
	if d.Basis == BasisDeputyOrLPA && !strings.Contains(text, "health and welfare") {
		fail("Deputy/LPA basis without saying only health and welfare counts")
	}
}
