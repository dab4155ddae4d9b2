package rules

import (
	"fmt"
	"strings"
)

// consentJSON is the `jointwork consent --json` output.
type consentJSON struct {
	Decision string   `json:"decision"`
	Basis    string   `json:"basis"`
	Rules    []string `json:"rules"`
	NextStep string   `json:"next_step"`
	Missing  []string `json:"missing"`
}

// consent runs `jointwork consent [--json] --subject … …`; omitted facts are
// unknown or no (see Facts.WithDefaults). key=value words are read too.
func (c *cli) consent(args []string) int {
	fs := c.newFlags("consent", "consent [--json] [--KEY VALUE]… [KEY=VALUE]…\n"+factHelp())
	asJSON := fs.Bool("json", false, "print JSON")
	var f Facts
	for _, k := range factKeys {
		fs.Var(enumFlag{f.field(k), factValues[k]}, k, strings.Join(factValues[k], "|"))
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
	d := Decide(f.WithDefaults())
	if *asJSON {
		return writeJSON(c.stdout, consentJSON{Decision: d.Decision, Basis: d.Basis,
			Rules: append([]string{}, d.Rules...), NextStep: d.NextStep, Missing: append([]string{}, d.Missing...)})
	}
	c.printDecision(d)
	return exitOK
}

func (c *cli) printDecision(d Decision) {
	w := c.stdout
	fmt.Fprintf(w, "Decision: %s", strings.ReplaceAll(d.Decision, "_", " "))
	if d.Basis != "" {
		fmt.Fprintf(w, " (basis: %s)", d.Basis)
	}
	fmt.Fprintf(w, "\nNext step: %s\nRules: %s\n", d.NextStep, strings.Join(d.Rules, ", "))
	if len(d.Missing) > 0 {
		fmt.Fprintf(w, "Still needed: %s\n", strings.Join(d.Missing, ", "))
	}
}

// factHelp lists the facts and their values for usage text.
func factHelp() string {
	var b strings.Builder
	for _, k := range factKeys {
		fmt.Fprintf(&b, "  --%s %s\n", k, strings.Join(factValues[k], "|"))
	}
	return strings.TrimRight(b.String(), "\n")
}
