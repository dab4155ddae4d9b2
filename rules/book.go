package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

//go:embed data/*.yaml
var embedded embed.FS

// embeddedPrefix is how embedded files are named in problems and Rule.File.
const embeddedPrefix = "rules/"

// Book is a loaded rulebook with its search index. It is immutable after
// loading and safe for concurrent use.
type Book struct {
	rules     []*Rule
	byID      map[string]*Rule
	idx       *index
	problems  []Problem
	localHash string // short hash of the local files, "" without an overlay
}

var (
	defaultOnce sync.Once
	defaultBook *Book
	defaultErr  error
	embRaw      []rawRule
	embProbs    []Problem
	embHash     string // short hash of the embedded data files
)

// loadEmbedded parses and builds the embedded rulebook once.
func loadEmbedded() {
	embRaw, embProbs, defaultErr = parseEmbedded()
	if defaultErr != nil {
		return
	}
	b := build(embRaw, nil, embProbs)
	if len(b.problems) > 0 { // warnings too: the embedded book is held to lint
		defaultErr = &LintError{Problems: b.problems}
		return
	}
	defaultBook = b
}

// parseEmbedded reads every embedded YAML file in name order.
func parseEmbedded() ([]rawRule, []Problem, error) {
	names, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil {
		return nil, nil, fmt.Errorf("list embedded rulebook: %w", err)
	}
	sort.Strings(names)
	var raws []rawRule
	var probs []Problem
	h := newDataHash()
	for _, n := range names {
		data, err := embedded.ReadFile(n)
		if err != nil {
			return nil, nil, fmt.Errorf("read embedded %s: %w", n, err)
		}
		h.add(n, data)
		rs, council, ps := parseFileCouncil(embeddedPrefix+n, data)
		if council != "" {
			ps = append(ps, Problem{File: embeddedPrefix + n, Line: 1, Message: "\"council\" belongs in a council's local rulebook, not the embedded one"})
		}
		raws = append(raws, rs...)
		probs = append(probs, ps...)
	}
	embHash = h.short()
	return raws, probs, nil
}

// Default returns the embedded rulebook, parsed and indexed once.
func Default() (*Book, error) {
	defaultOnce.Do(loadEmbedded)
	return defaultBook, defaultErr
}

// Load returns the embedded rulebook with the local rules in localPath (a
// YAML file or a folder of them, as named by JOINTWORK_RULES) on top: a local
// rule with an existing ID replaces the fields it sets and keeps the rest; a
// new ID adds a rule. "" means the embedded rulebook only. A rulebook that
// fails lint is refused with a *LintError.
func Load(localPath string) (*Book, error) {
	if localPath == "" {
		return Default()
	}
	b, err := buildWithLocal(localPath)
	if err != nil {
		return nil, err
	}
	if errs := errorsOnly(b.problems); len(errs) > 0 {
		return nil, &LintError{Problems: errs}
	}
	return b, nil
}

// LintPath lints the rulebook at path as it would be loaded on top of the
// embedded one. The error is for files that cannot be read at all.
func LintPath(path string) ([]Problem, error) {
	b, err := buildWithLocal(path)
	if err != nil {
		return nil, err
	}
	return b.Lint(), nil
}

// buildWithLocal builds the embedded rules plus those under path.
func buildWithLocal(p string) (*Book, error) {
	defaultOnce.Do(loadEmbedded)
	if embRaw == nil && defaultErr != nil {
		return nil, defaultErr
	}
	files, err := localFiles(p)
	if err != nil {
		return nil, err
	}
	var local []rawRule
	probs := append([]Problem(nil), embProbs...)
	h := newDataHash()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read local rulebook %s: %w", f, err)
		}
		h.add(filepath.Base(f), data)
		rs, council, ps := parseFileCouncil(f, data)
		if council == "" && len(rs) > 0 {
			ps = append(ps, Problem{File: f, Line: 1, Warning: true,
				Message: "no council named: add a top-level \"council: <name>\" so its rules are shown as that council's local rules"})
		}
		local = append(local, rs...)
		probs = append(probs, ps...)
	}
	b := build(embRaw, local, probs)
	b.localHash = h.short()
	return b, nil
}

// localFiles lists the YAML files at p (a file, or a folder walked in order).
func localFiles(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("local rulebook: %w", err)
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(path.Ext(f))
		if !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk local rulebook %s: %w", p, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("local rulebook %s: %w", p, errNoYAML)
	}
	sort.Strings(files)
	return files, nil
}

var errNoYAML = errors.New("no .yaml or .yml files in folder")

// build merges embedded and local rules, lints the result and indexes it.
func build(emb, local []rawRule, probs []Problem) *Book {
	byID := map[string]*Rule{}
	probs = append(probs, addRules(byID, emb, false)...)
	probs = append(probs, addRules(byID, local, true)...)
	b := &Book{byID: byID}
	for _, r := range byID {
		b.rules = append(b.rules, r)
	}
	sortRules(b.rules)
	for _, r := range b.rules {
		probs = append(probs, checkRule(r, byID)...)
		probs = append(probs, overrideWarnings(r)...)
	}
	probs = append(probs, checkSpec(byID, "rulebook")...)
	sortProblems(probs)
	b.problems = probs
	var pre *savedModel
	if len(local) == 0 {
		pre = embeddedModel(b.rules)
	}
	b.idx = newIndex(b.rules, pre)
	b.idx.cal = fileCalibrator()
	return b
}

// addRules adds raw rules to byID. Duplicates within the same layer are
// problems; a local rule with an embedded ID overrides the fields it sets.
func addRules(byID map[string]*Rule, raws []rawRule, override bool) []Problem {
	var probs []Problem
	seen := map[string]*Rule{}
	for i := range raws {
		raw := &raws[i]
		id := raw.rule.ID
		if id == "" {
			probs = append(probs, Problem{File: raw.rule.File, Line: raw.rule.Line, Message: "rule has no id"})
			continue
		}
		if first := seen[id]; first != nil {
			probs = append(probs, Problem{File: raw.rule.File, Line: raw.rule.Line, RuleID: id,
				Message: fmt.Sprintf("duplicate rule ID (first defined at %s:%d)", first.File, first.Line)})
			continue
		}
		r := raw.rule.clone()
		if base := byID[id]; base != nil && override {
			r = mergeRule(base, raw)
		}
		r.Local = override
		seen[id] = r
		byID[id] = r
	}
	return probs
}

// mergeRule applies the fields an override sets on top of base. Source and
// section are the override's own (empty when it sets none): a council's
// rule never carries the embedded rule's citation.
func mergeRule(base *Rule, o *rawRule) *Rule {
	r := base.clone()
	r.File, r.Line, r.Council, r.override = o.rule.File, o.rule.Line, o.rule.Council, true
	r.Source, r.Section = "", ""
	set := o.set
	pick := func(key string, dst *string, v string) {
		if set[key] {
			*dst = v
		}
	}
	pick("title", &r.Title, o.rule.Title)
	pick("answer", &r.Answer, o.rule.Answer)
	pick("source", &r.Source, o.rule.Source)
	pick("section", &r.Section, o.rule.Section)
	pick("next_step", &r.NextStep, o.rule.NextStep)
	if set["related"] {
		r.Related = append([]string(nil), o.rule.Related...)
	}
	if set["terms"] {
		r.Terms = append([]string(nil), o.rule.Terms...)
	}
	if set["utterances"] {
		r.Utterances = append(r.Utterances, o.rule.Utterances...)
	}
	return r
}

// Rule returns the rule with this ID.
func (b *Book) Rule(id string) (*Rule, bool) {
	r, ok := b.byID[id]
	return r, ok
}

// Rules returns every rule, sorted by ID.
func (b *Book) Rules() []*Rule {
	return append([]*Rule(nil), b.rules...)
}

// Lint returns the problems found when the book was built (none for a book
// returned by Default or Load, which refuse a failing book).
func (b *Book) Lint() []Problem {
	return append([]Problem(nil), b.problems...)
}
