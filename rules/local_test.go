package rules

import (
	"regexp"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	emb := mustDefault(t)
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.[0-9a-f]{7}$`).MatchString(emb.Version()) || !strings.HasPrefix(emb.Version(), DataDate+".") {
		t.Errorf("embedded Version() = %q, want DATE.HASH7", emb.Version())
	}
	dir := t.TempDir()
	writeFile(t, dir, "a.yaml", localOverride)
	b1, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b1.Version(), emb.Version()+"+local:") || len(b1.Version()) != len(emb.Version())+len("+local:")+7 {
		t.Errorf("local Version() = %q, want %s+local:HASH7", b1.Version(), emb.Version())
	}
	writeFile(t, dir, "a.yaml", strings.Replace(localOverride, "Ring the", "Phone the", 1))
	b2, err := Load(dir)
	if err != nil || b2.Version() == b1.Version() {
		t.Errorf("changed local file, same version %q (%v)", b1.Version(), err)
	}
	if f := emb.Footer(); !strings.Contains(f, emb.Version()) || !strings.Contains(f, Disclaimer) || strings.Contains(f, "\n") {
		t.Errorf("Footer() = %q", f)
	}
	if strings.Contains(Disclaimer, "\n") || len(Disclaimer) > 120 || !strings.HasPrefix(Disclaimer, "Guidance, not legal advice") {
		t.Errorf("Disclaimer %q: want one short line", Disclaimer)
	}
}

func TestLocalRulesAreMarkedAndNeverCiteKent(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "ours.yaml", `council: Exampleshire County Council
rules:
  - id: consent.carer
    answer: Our own words about carers. Ask them first.
  - id: local.protocols
    answer: Our protocols live on the intranet. Check them first.
    source: exampleshire-protocols
    section: Joint working protocol, part 2
  - id: local.hub
    title: Discharge hub
    answer: The hub co-ordinates discharge. Ring it first.
    source: exampleshire-hub
    section: Contacts
    terms: [hub]
`)
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ id, want string }{
		{"consent.carer", "local rule (Exampleshire County Council), defined in ours.yaml"},
		{"local.protocols", "local rule (Exampleshire County Council): exampleshire-protocols, section: Joint working protocol, part 2"},
		{"local.hub", "local rule (Exampleshire County Council): exampleshire-hub, section: Contacts"},
	}
	for _, tc := range tests {
		r, _ := b.Rule(tc.id)
		if got := r.Citation(); got != tc.want || !r.Local || r.Council != "Exampleshire County Council" {
			t.Errorf("%s: Citation() = %q (local %v, council %q), want %q", tc.id, got, r.Local, r.Council, tc.want)
		}
		if line := b.CitationLine(r); strings.Contains(line, "Kent") || !strings.Contains(line, b.Version()) {
			t.Errorf("%s: CitationLine() = %q: cites Kent or lacks the version", tc.id, line)
		}
	}
	if r, _ := b.Rule("consent.required"); r.Local || !strings.HasPrefix(r.Citation(), "Kent County Council") {
		t.Errorf("untouched rule marked local: %q", r.Citation())
	}
	var warned bool
	for _, p := range b.Lint() {
		warned = warned || (p.Warning && p.RuleID == "consent.carer")
	}
	if !warned {
		t.Errorf("no warning for overriding consent.carer: %v", b.Lint())
	}
}

// TestDecisionRulesCoverEveryOutcome: unionRules and the lint warning use
// consentRuleOrder, so it must list every rule a decision can cite.
func TestDecisionRulesCoverEveryOutcome(t *testing.T) {
	eachComplete(func(f Facts) {
		for _, id := range decideKnown(&f).rules {
			if !contains(consentRuleOrder, id) {
				t.Fatalf("%v cites %s, missing from consentRuleOrder", f.Pairs(), id)
			}
		}
	})
}

func TestEmbeddedFileMayNotNameACouncil(t *testing.T) {
	_, council, _ := parseFileCouncil("x.yaml", []byte("council: Kent\nrules: []\n"))
	if council != "Kent" {
		t.Fatalf("council = %q", council)
	}
}
