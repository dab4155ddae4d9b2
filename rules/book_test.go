package rules

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestDefaultRulebookIsComplete(t *testing.T) {
	b := mustDefault(t)
	if probs := b.Lint(); len(probs) > 0 {
		t.Fatalf("embedded rulebook has problems: %v", probs)
	}
	for _, id := range specIDs {
		if _, ok := b.Rule(id); !ok {
			t.Errorf("spec rule %s missing", id)
		}
	}
	rs := b.Rules()
	if !sort.SliceIsSorted(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID }) {
		t.Error("Rules() not sorted by ID")
	}
	for _, r := range rs {
		checkEmbeddedRule(t, b, r)
	}
}

var sentenceEnd = regexp.MustCompile(`[.!?]["”]?(\s|$)`)

// checkEmbeddedRule holds each embedded rule to the standard.
func checkEmbeddedRule(t *testing.T, b *Book, r *Rule) {
	t.Helper()
	if n := len(sentenceEnd.FindAllString(r.Answer, -1)); n < 2 || n > 5 {
		t.Errorf("%s: answer has %d sentences, want 2 to 5", r.ID, n)
	}
	if _, ok := sources[r.Source]; !ok {
		t.Errorf("%s: unknown source %q", r.ID, r.Source)
	}
	if len(r.Terms) < 8 {
		t.Errorf("%s: only %d terms; practitioners need a rich list", r.ID, len(r.Terms))
	}
	if !strings.HasPrefix(r.File, "rules/data/") || r.Line <= 0 {
		t.Errorf("%s: defined at %s:%d, want rules/data/…:line", r.ID, r.File, r.Line)
	}
	for _, rel := range r.Related {
		if _, ok := b.Rule(rel); !ok {
			t.Errorf("%s: related %s unknown", r.ID, rel)
		}
	}
}

// TestSpecIDsMatchSpecFile keeps specIDs in step with RULEBOOK-SPEC.md.
func TestSpecIDsMatchSpecFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedDir(), "RULEBOOK-SPEC.md"))
	if err != nil {
		t.Skipf("RULEBOOK-SPEC.md not beside the repo: %v", err)
	}
	re := regexp.MustCompile("(?m)^\\| `([a-z0-9.-]+)` \\|")
	var inSpec []string
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		inSpec = append(inSpec, m[1])
	}
	got := append([]string(nil), specIDs...)
	sort.Strings(got)
	sort.Strings(inSpec)
	if strings.Join(got, " ") != strings.Join(inSpec, " ") {
		t.Errorf("specIDs differ from RULEBOOK-SPEC.md:\n code %v\n spec %v", got, inSpec)
	}
}

// TestAnswersAreOwnWords fails when any run of eight words in a rule's
// title, answer or next step also appears in a source document.
func TestAnswersAreOwnWords(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDir(), "seeds", "0*.txt"))
	if len(files) == 0 {
		t.Skip("seed documents not beside the repo")
	}
	const n = 8
	seen := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range shingles(string(data), n) {
			seen[s] = filepath.Base(f)
		}
	}
	// Names of documents are cited, not paraphrased.
	const names = "kent adult social care health documents and templates assessments section"
	for _, r := range mustDefault(t).Rules() {
		for _, text := range []string{r.Title, r.Answer, r.NextStep} {
			for _, s := range shingles(text, n) {
				if src, ok := seen[s]; ok && !strings.Contains(names, s) {
					t.Errorf("%s copies %q from %s", r.ID, s, src)
				}
			}
		}
	}
}

// sharedDir is the project's shared folder beside the repo (../../shared),
// or $JW_SHARED for a checkout elsewhere (a git worktree).
func sharedDir() string {
	if d := os.Getenv("JW_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared")
}

func shingles(text string, n int) []string {
	var words []string
	for _, w := range tokenize(text) {
		if w != boundary {
			words = append(words, w)
		}
	}
	var out []string
	for i := 0; i+n <= len(words); i++ {
		out = append(out, strings.Join(words[i:i+n], " "))
	}
	return out
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const localOverride = `council: Exampleshire County Council
rules:
  - id: local.protocols
    next_step: Ring the Kent integrated discharge hub on the number in the local directory.
  - id: local.contacts.discharge
    title: Hospital discharge hub contact
    answer: The discharge hub co-ordinates joint discharge planning. Contact it before a joint assessment on the ward.
    source: kent-local
    section: Contacts
    related: [local.protocols]
    terms: [discharge hub, ward, hospital discharge]
`

func TestLoadAppliesLocalOverrides(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "sub/council.yaml", localOverride)
	b, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	r, _ := b.Rule("local.protocols")
	emb, _ := mustDefault(t).Rule("local.protocols")
	if !strings.HasPrefix(r.NextStep, "Ring the Kent integrated discharge hub") {
		t.Errorf("override next step not applied: %q", r.NextStep)
	}
	if r.Answer != emb.Answer || r.Title != emb.Title || len(r.Terms) != len(emb.Terms) {
		t.Error("override lost fields it did not set")
	}
	if r.File != path || r.Line != 3 {
		t.Errorf("override defined at %s:%d, want %s:3", r.File, r.Line, path)
	}
	if strings.HasPrefix(emb.NextStep, "Ring") {
		t.Error("override leaked into the embedded book")
	}
	if len(b.Rules()) != len(mustDefault(t).Rules())+1 {
		t.Errorf("got %d rules, want embedded + 1", len(b.Rules()))
	}
	hits := b.Search("who do I call at the hospital discharge hub", 1)
	if len(hits) == 0 || hits[0].Rule.ID != "local.contacts.discharge" {
		t.Errorf("local rule not searchable: %v", hits)
	}
}

func TestLoadEmptyPathIsDefault(t *testing.T) {
	b, err := Load("")
	if err != nil || b != mustDefault(t) {
		t.Fatalf("Load(\"\") = %p, %v; want the default book", b, err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "notes.txt", "not yaml")
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want not-exist", err)
	}
	if _, err := Load(dir); !errors.Is(err, errNoYAML) {
		t.Errorf("folder without YAML: err = %v, want errNoYAML", err)
	}
	bad := writeFile(t, dir, "bad.yaml", "rules:\n  - id: local.x\n    title: x\n")
	_, err := Load(bad)
	var le *LintError
	if !errors.As(err, &le) || len(le.Problems) == 0 {
		t.Fatalf("Load of a failing rulebook: err = %v, want *LintError", err)
	}
	if !strings.Contains(err.Error(), bad+":2: local.x: missing required field") {
		t.Errorf("error does not name file:line: %v", err)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.yaml", Line: 3, RuleID: "x.y", Message: "bad"}, "a.yaml:3: x.y: bad"},
		{Problem{File: "a.yaml", Line: 3, Message: "bad"}, "a.yaml:3: bad"},
		{Problem{File: "rulebook", RuleID: "x.y", Message: "missing"}, "rulebook: x.y: missing"},
	}
	for _, tc := range tests {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestBookIsSafeForConcurrentUse(t *testing.T) {
	b := mustDefault(t)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for _, q := range []string{"LPA consent", "safeguarding without consent", "benevolent chaos", "weather"} {
				b.Ask(q, 1+i%3)
				b.Rule("consent.carer")
			}
		}(i)
	}
	wg.Wait()
}
