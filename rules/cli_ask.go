package rules

import (
	"fmt"
	"io"
	"strings"
)

// maxTop bounds --top.
const maxTop = 50

// askJSON is the `jointwork ask --json` output.
type askJSON struct {
	Question string       `json:"question"`
	Answers  []answerJSON `json:"answers"`
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
	out := askJSON{Question: a.Question, Answers: []answerJSON{}}
	for _, h := range a.Hits {
		r := h.Rule
		out.Answers = append(out.Answers, answerJSON{Rule: r.ID, Title: r.Title, Answer: r.Answer,
			Source: r.Source, Section: r.Section, NextStep: r.NextStep, Score: h.Score})
	}
	return out
}

// printAnswer prints the best answer with its citation, then the others.
func printAnswer(w io.Writer, a Answer) {
	if !a.Confident {
		fmt.Fprintln(w, "I don't know: the rulebook has no confident answer to that.")
		if len(a.Suggestions) > 0 {
			fmt.Fprintln(w, "Closest topics:")
			for _, r := range a.Suggestions {
				fmt.Fprintf(w, "  - %s [%s]\n", r.Title, r.ID)
			}
		}
		fmt.Fprintln(w, "Try rephrasing, or see every topic with `jointwork rules list` (`help` in chat).")
		return
	}
	r := a.Hits[0].Rule
	fmt.Fprintf(w, "%s [%s]\n\n%s\n", r.Title, r.ID, r.Answer)
	if r.NextStep != "" {
		fmt.Fprintf(w, "\nNext step: %s\n", r.NextStep)
	}
	fmt.Fprintf(w, "\nSource: %s\n", r.Citation())
	if len(a.Hits) > 1 {
		fmt.Fprintln(w, "\nSee also:")
		for _, h := range a.Hits[1:] {
			fmt.Fprintf(w, "  - %s [%s]\n", h.Rule.Title, h.Rule.ID)
		}
	}
}
