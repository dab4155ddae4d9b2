package rules

import (
	"strings"
	"testing"
)

// lintCase is a local rulebook and the problems lint must report.
type lintCase struct {
	name, yaml string
	want       []string // substrings of Problem.String(), in order
}

var lintCases = []lintCase{
	{"clean override", "council: Exampleshire\nrules:\n  - id: tac.why\n    next_step: Ask the family.\n", nil},
	{"no council", "rules:\n  - id: tac.why\n    next_step: Ask the family.\n", []string{":1: warning: no council named"}},
	{"council not a name", "council: [a, b]\nrules:\n  - id: tac.why\n    next_step: Ask.\n", []string{":1: \"council\" must be the council's name"}},
	{"overrides a consent decision rule", "council: Exampleshire\nrules:\n  - id: consent.refused\n    answer: Ours. Words.\n",
		[]string{":3: consent.refused: warning: overrides a rule the consent decision rests on"}},
	{"duplicate id", "rules:\n  - id: local.a\n    title: A\n    answer: A. B.\n    source: x\n    section: s\n  - id: local.a\n    title: B\n    answer: A. B.\n    source: x\n    section: s\n",
		[]string{":7: local.a: duplicate rule ID (first defined at "}},
	{"missing fields", "rules:\n  - id: local.b\n    title: B\n",
		[]string{":2: local.b: missing required field \"answer\"", ":2: local.b: missing required field \"source\"", ":2: local.b: missing required field \"section\""}},
	{"unknown related", "rules:\n  - id: consent.carer\n    related: [consent.nope, consent.carer]\n",
		[]string{":2: consent.carer: related rule \"consent.nope\" does not exist", ":2: consent.carer: related lists the rule itself",
			":2: consent.carer: warning: overrides a rule the consent decision rests on"}},
	{"unknown field", "rules:\n  - id: tac.why\n    nextstep: x\n", []string{":3: tac.why: unknown field \"nextstep\""}},
	{"field twice", "rules:\n  - id: tac.why\n    title: a\n    title: b\n", []string{":4: tac.why: field \"title\" given twice"}},
	{"bad id", "rules:\n  - id: Local_Rule\n    title: A\n    answer: A. B.\n    source: x\n    section: s\n", []string{":2: Local_Rule: malformed ID"}},
	{"no id", "rules:\n  - title: A\n", []string{":2: rule has no id"}},
	{"invalid yaml", "rules:\n  - id: [oops\n", []string{"invalid YAML"}},
	{"wrong top key", "rulez:\n  - id: tac.why\n", []string{":1: unknown top-level key \"rulez\""}},
	{"rules not a list", "rules: tac.why\n", []string{":1: \"rules\" must be a list"}},
	{"terms not a list", "rules:\n  - id: tac.why\n    terms: why\n", []string{":3: tac.why: field \"terms\" must be a list"}},
	{"rule not a mapping", "rules:\n  - tac.why\n", []string{":2: each rule must be a mapping"}},
	{"empty file", "", []string{"empty rulebook file"}},
}

func TestLintPath(t *testing.T) {
	for _, tc := range lintCases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "local.yaml", tc.yaml)
			all, err := LintPath(path)
			if err != nil {
				t.Fatalf("LintPath: %v", err)
			}
			var probs []Problem // the missing-council warning only where a case asks for it
			for _, p := range all {
				if !strings.Contains(p.Message, "no council named") || (len(tc.want) > 0 && strings.Contains(tc.want[0], "no council")) {
					probs = append(probs, p)
				}
			}
			if len(probs) != len(tc.want) {
				t.Fatalf("got %d problems %v, want %d %v", len(probs), probs, len(tc.want), tc.want)
			}
			for i, p := range probs {
				if s := p.String(); !strings.HasPrefix(s, path) || !strings.Contains(s, tc.want[i]) {
					t.Errorf("problem %d = %q, want %s…%s", i, s, path, tc.want[i])
				}
			}
		})
	}
}

func TestLintFindsMissingSpecRules(t *testing.T) {
	raws, probs, err := parseEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	var kept []rawRule
	for _, r := range raws {
		if r.rule.ID != "tac.design" && r.rule.ID != "tac.matrix" {
			kept = append(kept, r)
		}
	}
	got := build(kept, nil, probs).Lint()
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, p.String())
	}
	want := []string{
		`rulebook: tac.design: rule required by RULEBOOK-SPEC.md is missing`,
		`rulebook: tac.matrix: rule required by RULEBOOK-SPEC.md is missing`,
	}
	// tac.matrix is also named in related lists, which lint reports too.
	for _, w := range want {
		if !contains(msgs, w) {
			t.Errorf("lint missed %q; got %v", w, msgs)
		}
	}
}
