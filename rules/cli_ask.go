package rules

import (
	"fmt"
	"io"
	"strings"
)

// maxTop bounds --top.
const maxTop = 50

// askJSON is the `jointwork ask --json` output.
// answers holds the hits in band answer only; suggestions always hold the
// closest topics; decision is the consent decision when the question states
// consent facts (facts lists them as key=value).
type askJSON struct {
	Question    string           `json:"question"`
	Band        string           `json:"band"`
	Answers     []answerJSON     `json:"answers"`
	Suggestions []suggestionJSON `json:"suggestions"`
	Facts       []string         `json:"facts,omitempty"`
	Decision    *consentJSON     `json:"decision,omitempty"`
}

type suggestionJSON struct {
	Rule  string `json:"rule"`
	Title string `json:"title"`
}

type answerJSON struct {
	Rule     string  `json:"rule"`
	Title    string  `json:"title"`
	Answer   string  `json:"answer"`
	Source   string  `json:"source"`
	Section  string  `json:"section"`
	NextStep string  `json:"next_step"`
	Score    float64 `json:"score"`
}

// ask runs `jointwork ask [--json] [--top N] QUESTION…`.
func (c *cli) ask(args []string) int {
	fs := c.newFlags("ask", "ask [--json] [--top N] QUESTION…")
	asJSON := fs.Bool("json", false, "print JSON")
	top := DefaultTop
	fs.Var(rangeFlag{&top, 1, maxTop}, "top", "how many answers (1 to 50)")
	words, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	question := strings.TrimSpace(strings.Join(words, " "))
	if question == "" {
		fmt.Fprintln(c.stderr, "jointwork ask: no question given")
		c.printUsage()
		return exitUsage
	}
	b, code := c.book()
	if b == nil {
		return code
	}
	a := b.Ask(question, top)
	if *asJSON {
		return writeJSON(c.stdout, toAskJSON(a))
	}
	printAnswer(c.stdout, a)
	return exitOK
}

func toAskJSON(a Answer) askJSON {
	out := askJSON{Question: a.Question, Band: a.Band, Answers: []answerJSON{}, Suggestions: []suggestionJSON{}}
	for _, r := range a.Suggestions {
		out.Suggestions = append(out.Suggestions, suggestionJSON{Rule: r.ID, Title: r.Title})
	}
	if d := a.Decision; d != nil {
		out.Facts = a.Facts.Pairs()
		out.Decision = &consentJSON{Decision: d.Decision, Basis: d.Basis, Rules: append([]string{}, d.Rules...),
			NextStep: d.NextStep, Missing: append([]string{}, d.Missing...)}
	}
	for _, h := range a.Hits {
		r := h.Rule
		out.Answers = append(out.Answers, answerJSON{Rule: r.ID, Title: r.Title, Answer: r.Answer,
			Source: r.Source, Section: r.Section, NextStep: r.NextStep, Score: h.Score})
	}
	return out
}

// printAnswer prints the answer by band: the best answer with its
// citation; "I think you mean" with the answer and a prompt to confirm; or
// "I don't know" with the closest topics. A consent decision comes first.
func printAnswer(w io.Writer, a Answer) {
	if d := a.Decision; d != nil {
		printScenario(w, a.Facts, d)
	}
	switch a.Band {
	case BandAnswer:
		printRule(w, a.Hits[0].Rule)
		if len(a.Hits) > 1 {
			fmt.Fprintln(w, "\nSee also:")
			for _, h := range a.Hits[1:] {
				fmt.Fprintf(w, "  - %s [%s]\n", h.Rule.Title, h.Rule.ID)
			}
		}
	case BandUnsure:
		r := a.Suggestions[0]
		fmt.Fprintf(w, "I think you mean: %s [%s]\n\n", r.Title, r.ID)
		printRule(w, r)
		fmt.Fprintln(w, "\nIs this what you meant? Yes / Show other topics:")
		for _, o := range a.Suggestions[1:] {
			fmt.Fprintf(w, "  - %s [%s]\n", o.Title, o.ID)
		}
	default:
		fmt.Fprintln(w, "I don't know: the rulebook has no confident answer to that.")
		fmt.Fprintln(w, "Closest topics:")
		for _, r := range a.Suggestions {
			fmt.Fprintf(w, "  - %s [%s]\n", r.Title, r.ID)
		}
		fmt.Fprintln(w, "Try rephrasing, or see every topic with `jointwork rules list` (`help` in chat).")
	}
}

// printRule prints one rule's answer, next step and citation.
func printRule(w io.Writer, r *Rule) {
	fmt.Fprintf(w, "%s [%s]\n\n%s\n", r.Title, r.ID, r.Answer)
	if r.NextStep != "" {
		fmt.Fprintf(w, "\nNext step: %s\n", r.NextStep)
	}
	fmt.Fprintf(w, "\nSource: %s\n", r.Citation())
}

// printScenario prints the consent decision for the facts read from a
// question.
func printScenario(w io.Writer, f Facts, d *Decision) {
	fmt.Fprintf(w, "Consent decision for what you describe (%s): %s", strings.Join(f.Pairs(), ", "), strings.ReplaceAll(d.Decision, "_", " "))
	if d.Basis != "" {
		fmt.Fprintf(w, " (basis: %s)", d.Basis)
	}
	fmt.Fprintf(w, "\nNext step: %s\nRules: %s\n", d.NextStep, strings.Join(d.Rules, ", "))
	if len(d.Missing) > 0 {
		fmt.Fprintf(w, "Still needed: %s (check them with `jointwork consent`)\n", strings.Join(d.Missing, ", "))
	}
	fmt.Fprintln(w)
}
