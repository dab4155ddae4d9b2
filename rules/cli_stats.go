package rules

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
)

// statsJSON is the `jointwork rules stats --json` output.
type statsJSON struct {
	Counts []FeedbackCount `json:"counts"`
	Up     int64           `json:"up"`
	Down   int64           `json:"down"`
}

// RunStats runs `jointwork rules stats [--json]`: the 👍 / 👎 counts per
// rule and band from src (the bot's store). It returns the exit code.
func RunStats(ctx context.Context, src FeedbackSource, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("jointwork rules stats", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "jointwork rules stats: usage: rules stats [--json]")
		return exitUsage
	}
	if src == nil {
		fmt.Fprintln(stderr, "jointwork rules stats: no feedback store here: run it where the bot's store is configured")
		return exitFail
	}
	counts, err := src.FeedbackCounts(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "jointwork rules stats: cannot read the feedback counts: %v\n", err)
		return exitFail
	}
	SortFeedback(counts)
	out := statsJSON{Counts: append([]FeedbackCount{}, counts...)}
	for _, c := range counts {
		out.Up += c.Up
		out.Down += c.Down
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	printStats(stdout, out)
	return exitOK
}

// printStats prints one line per rule and band, worst share of 👍 visible.
func printStats(w io.Writer, s statsJSON) {
	if len(s.Counts) == 0 {
		fmt.Fprintln(w, "No feedback yet.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tBAND\t👍\t👎\t👍 SHARE")
	for _, c := range s.Counts {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", c.Rule, c.Band, c.Up, c.Down, upShare(c.Up, c.Down))
	}
	fmt.Fprintf(tw, "total\t\t%d\t%d\t%s\n", s.Up, s.Down, upShare(s.Up, s.Down))
	tw.Flush()
}

func upShare(up, down int64) string {
	if up+down == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(up)/float64(up+down))
}

// rulesStats is `rules stats` run through RunCLI, which has no store.
func (c *cli) rulesStats(args []string) int {
	return RunStats(context.Background(), nil, args, c.stdout, c.stderr)
}
