package rules

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
)

// ruleJSON is a rule as printed by `rules show --json` and `rules list --json`.
type ruleJSON struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Answer   string   `json:"answer,omitempty"`
	Source   string   `json:"source"`
	Section  string   `json:"section"`
	NextStep string   `json:"next_step,omitempty"`
	Related  []string `json:"related,omitempty"`
	Terms    []string `json:"terms,omitempty"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Local    bool     `json:"local,omitempty"`
	Council  string   `json:"council,omitempty"`
	Citation string   `json:"citation,omitempty"`
	Version  string   `json:"version,omitempty"`
}

// rules runs `jointwork rules show|list|lint`.
func (c *cli) rules(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, "jointwork rules: say show ID, list or lint [PATH]\n")
		return exitUsage
	}
	switch args[0] {
	case "show":
		return c.rulesShow(args[1:])
	case "list":
		return c.rulesList(args[1:])
	case "lint":
		return c.rulesLint(args[1:])
	case "stats":
		return c.rulesStats(args[1:])
	}
	fmt.Fprintf(c.stderr, "jointwork rules: unknown subcommand %q: use show, list or lint\n", args[0])
	return exitUsage
}

func (c *cli) rulesShow(args []string) int {
	fs := c.newFlags("rules show", "rules show [--json] ID")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(c.stderr, "jointwork rules show: give exactly one rule ID")
		return exitUsage
	}
	b, code := c.book()
	if b == nil {
		return code
	}
	r, ok := b.Rule(pos[0])
	if !ok {
		fmt.Fprintf(c.stderr, "jointwork rules show: no rule %q; see `jointwork rules list`%s\n", pos[0], didYouMean(b, pos[0]))
		return exitUsage
	}
	if *asJSON {
		j := toRuleJSON(r, true)
		j.Citation, j.Version = r.Citation(), b.Version()
		return writeJSON(c.stdout, j)
	}
	w := c.stdout
	fmt.Fprintf(w, "%s [%s]\n\n%s\n", r.Title, r.ID, r.Answer)
	if r.NextStep != "" {
		fmt.Fprintf(w, "\nNext step: %s\n", r.NextStep)
	}
	fmt.Fprintf(w, "\n%s\n", b.CitationLine(r))
	if len(r.Related) > 0 {
		fmt.Fprintf(w, "Related: %s\n", strings.Join(r.Related, ", "))
	}
	fmt.Fprintf(w, "Terms: %s\nDefined at: %s:%d\n%s\n", strings.Join(r.Terms, "; "), r.File, r.Line, b.Footer())
	return exitOK
}

// didYouMean suggests IDs that share a prefix with id, the closest first
// few when many do.
func didYouMean(b *Book, id string) string {
	var near []string
	head, _, _ := strings.Cut(id, ".")
	for _, r := range b.Rules() {
		if strings.HasPrefix(r.ID, head+".") || strings.Contains(r.ID, id) {
			near = append(near, r.ID)
		}
	}
	if len(near) > 5 {
		sort.SliceStable(near, func(i, j int) bool { return editDistance(near[i], id) < editDistance(near[j], id) })
		near = near[:3]
	}
	if len(near) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(near, ", ")
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func toRuleJSON(r *Rule, full bool) ruleJSON {
	j := ruleJSON{ID: r.ID, Title: r.Title, Source: r.Source, Section: r.Section, Local: r.Local, Council: r.Council}
	if full {
		j.Answer, j.NextStep, j.Related, j.Terms, j.File, j.Line = r.Answer, r.NextStep, r.Related, r.Terms, r.File, r.Line
	}
	return j
}

func (c *cli) rulesList(args []string) int {
	fs := c.newFlags("rules list", "rules list [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(c.stderr, "jointwork rules list: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	b, code := c.book()
	if b == nil {
		return code
	}
	if *asJSON {
		out := []ruleJSON{}
		for _, r := range b.Rules() {
			out = append(out, toRuleJSON(r, false))
		}
		return writeJSON(c.stdout, out)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	for _, r := range b.Rules() {
		fmt.Fprintf(tw, "%s\t%s\n", r.ID, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return exitFail
	}
	return exitOK
}

// rulesLint lints PATH (or $JOINTWORK_RULES, or the embedded rulebook) and
// prints each problem as file:line: id: message. Exit 1 when there are any.
func (c *cli) rulesLint(args []string) int {
	fs := c.newFlags("rules lint", "rules lint [PATH]")
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 1 {
		fmt.Fprintln(c.stderr, "jointwork rules lint: give at most one PATH")
		return exitUsage
	}
	path := c.rulesPath
	if len(pos) == 1 {
		path = pos[0]
	}
	probs, n, err := lintTarget(path)
	if err != nil {
		fmt.Fprintf(c.stderr, "jointwork rules lint: %v\n", err)
		return exitFail
	}
	for _, p := range probs {
		fmt.Fprintln(c.stdout, p.String())
	}
	errs := errorsOnly(probs)
	if len(errs) > 0 {
		fmt.Fprintf(c.stderr, "jointwork rules lint: %d problem(s), %d warning(s)\n", len(errs), len(probs)-len(errs))
		return exitFail
	}
	fmt.Fprintf(c.stdout, "ok: %d rules, no problems", n)
	if len(probs) > 0 {
		fmt.Fprintf(c.stdout, ", %d warning(s)", len(probs))
	}
	fmt.Fprintln(c.stdout)
	return exitOK
}

// lintTarget lints path on top of the embedded book ("" = embedded only).
func lintTarget(path string) ([]Problem, int, error) {
	if path == "" {
		b, err := Default()
		if err != nil {
			if le, ok := err.(*LintError); ok {
				return le.Problems, 0, nil
			}
			return nil, 0, err
		}
		return b.Lint(), len(b.rules), nil
	}
	b, err := buildWithLocal(path)
	if err != nil {
		return nil, 0, err
	}
	return b.Lint(), len(b.rules), nil
}
