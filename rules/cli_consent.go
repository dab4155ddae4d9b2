package rules

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// consentJSON is the `jointwork consent --json` output.
type consentJSON struct {
	Decision string   `json:"decision"`
	Basis    string   `json:"basis"`
	Rules    []string `json:"rules"`
	NextStep string   `json:"next_step"`
	Missing  []string `json:"missing"`
	Note     string   `json:"note"`    // general law relied on, or ""
	Version  string   `json:"version"` // rulebook version (Book.Version)
}

// consent runs `jointwork consent [--json] --subject … …`; omitted facts are
// unknown or no (see Facts.WithDefaults). key=value words are read too.
func (c *cli) consent(args []string) int {
	fs := c.newFlags("consent", "consent [--json] [--KEY VALUE]… [KEY=VALUE]…\n"+factHelp())
	asJSON := fs.Bool("json", false, "print JSON")
	var f Facts
	for _, k := range factKeys {
		fs.Var(enumFlag{f.field(k), factValues[k], k}, k, strings.Join(factValues[k], "|"))
	}
	words, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	for _, w := range words {
		if !strings.Contains(w, "=") {
			fmt.Fprintf(c.stderr, "jointwork consent: unexpected argument %q: give facts as flags (--capacity yes) or key=value\n", w)
			return exitUsage
		}
		k, v, _ := strings.Cut(w, "=")
		if f.Get(k) != "" {
			fmt.Fprintf(c.stderr, "jointwork consent: fact %s is given twice\n", normKey(k))
			return exitUsage
		}
		var err error
		if f, err = f.Set(k, v); err != nil {
			fmt.Fprintf(c.stderr, "jointwork consent: %v\n", err)
			return exitUsage
		}
	}
	if f.Subject == "" {
		f.Subject = "person"
	}
	if err := f.CheckApplies(); err != nil {
		fmt.Fprintf(c.stderr, "jointwork consent: %v\n", err)
		return exitUsage
	}
	b, code := c.book()
	if b == nil {
		return code
	}
	d := Decide(f.WithDefaults())
	if *asJSON {
		return writeJSON(c.stdout, consentJSON{Decision: d.Decision, Basis: d.Basis,
			Rules: append([]string{}, d.Rules...), NextStep: d.NextStep, Missing: append([]string{}, d.Missing...),
			Note: d.Note, Version: b.Version()})
	}
	c.printDecision(b, d)
	return exitOK
}

func (c *cli) printDecision(b *Book, d Decision) {
	w := c.stdout
	fmt.Fprintf(w, "Decision: %s", strings.ReplaceAll(d.Decision, "_", " "))
	if d.Basis != "" {
		fmt.Fprintf(w, " (basis: %s)", d.Basis)
	}
	fmt.Fprintf(w, "\nNext step: %s\n", d.NextStep)
	if d.Note != "" {
		fmt.Fprintf(w, "Note: %s\n", d.Note)
	}
	if len(d.Missing) > 0 {
		fmt.Fprintf(w, "Still needed: %s\n", strings.Join(d.Missing, ", "))
	}
	fmt.Fprintf(w, "Rules: %s\n", strings.Join(d.Rules, ", "))
	for _, id := range d.Rules {
		if r, ok := b.Rule(id); ok {
			fmt.Fprintf(w, "  %s: %s\n", id, r.Citation())
		}
	}
	fmt.Fprintln(w, b.Footer())
}

// factHelp lists the facts, their values and whom they apply to, for
// usage text, ending with the disclaimer.
func factHelp() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, k := range factKeys {
		q, _ := FactQuestion(k)
		who := ""
		switch {
		case contains(adultOnly, k):
			who = "(adults) "
		case contains(childOnly, k):
			who = "(child) "
		}
		fmt.Fprintf(tw, "  --%s %s\t%s%s\n", k, strings.Join(factValues[k], "|"), who, q.Text)
	}
	_ = tw.Flush()
	b.WriteString("A child's decision rests on children's law, not the Kent guidance; check it against local procedures.\n")
	b.WriteString(Disclaimer)
	return b.String()
}
