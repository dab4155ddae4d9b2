package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a rulebook, at a file and line.
type Problem struct {
	File    string
	Line    int
	RuleID  string
	Message string
	// Warning marks a problem that does not stop the rulebook loading.
	Warning bool
}

// String formats the problem as "file:line: id: message" (the line and the
// id are left out when unknown).
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.RuleID != "" {
		b.WriteString(p.RuleID + ": ")
	}
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// errorsOnly drops warnings.
func errorsOnly(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// LintError is returned by Load when the rulebook fails lint (warnings
// alone do not fail it).
type LintError struct {
	Problems []Problem
}

// Error summarises the problems, one per line.
func (e *LintError) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, fmt.Sprintf("rulebook fails lint with %d problem(s):", len(e.Problems)))
	for _, p := range e.Problems {
		lines = append(lines, "  "+p.String())
	}
	return strings.Join(lines, "\n")
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)

// requiredFields are the fields every rule must end up with.
var requiredFields = []string{"id", "title", "answer", "source", "section"}

// checkRule reports missing required fields, a malformed ID and unknown or
// self-referencing related IDs.
func checkRule(r *Rule, known map[string]*Rule) []Problem {
	var probs []Problem
	add := func(format string, a ...any) {
		probs = append(probs, Problem{File: r.File, Line: r.Line, RuleID: r.ID, Message: fmt.Sprintf(format, a...)})
	}
	if r.ID != "" && !idPattern.MatchString(r.ID) {
		add("malformed ID: use lower-case words joined by dots or hyphens (like consent.carer)")
	}
	values := map[string]string{"id": r.ID, "title": r.Title, "answer": r.Answer, "source": r.Source, "section": r.Section}
	for _, f := range requiredFields {
		if values[f] == "" && !(r.override && (f == "source" || f == "section")) {
			add("missing required field %q", f)
		}
	}
	for _, rel := range r.Related {
		switch {
		case rel == r.ID:
			add("related lists the rule itself")
		case known[rel] == nil:
			add("related rule %q does not exist", rel)
		}
	}
	return probs
}

// decisionRules are the rules the consent decision rests on.
var decisionRules = consentRuleOrder

// overrideWarnings warns about a local file that overrides a rule the
// consent decision rests on (the decision itself does not change), and
// about a local file that names no council.
func overrideWarnings(r *Rule) []Problem {
	if !r.override || !contains(decisionRules, r.ID) {
		return nil
	}
	return []Problem{{File: r.File, Line: r.Line, RuleID: r.ID, Warning: true,
		Message: "overrides a rule the consent decision rests on: the decision (jointwork consent) does not change with it; check the local text still agrees with it"}}
}

// checkSpec reports every spec ID missing from the book.
func checkSpec(known map[string]*Rule, where string) []Problem {
	var probs []Problem
	for _, id := range specIDs {
		if known[id] == nil {
			probs = append(probs, Problem{File: where, RuleID: id, Message: "rule required by RULEBOOK-SPEC.md is missing"})
		}
	}
	return probs
}

// sortProblems orders problems by file, then line.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}
