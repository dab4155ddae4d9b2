//go:build calibrate

package rules

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestTuneAll prints the issue-14 figures over every tuning file at once
// (the eval tuning half and the older tuning sets), so a change is judged on
// more questions (JW_ALL=1; JW_SET as in TestTune14).
func TestTuneAll(t *testing.T) {
	b := tuningBook(t, "JW_ALL")
	cases := append(tuningCases(t), olderCases(t)...)
	if os.Getenv("JW_LONG") != "" {
		cases = withStories(cases)
	}
	if os.Getenv("JW_REAL_LONG") != "" { // only the long questions as written
		var keep []evalCase
		for _, c := range cases {
			if len(strings.Fields(c.q)) >= 25 {
				keep = append(keep, c)
			}
		}
		cases = keep
	}
	f := tuneMeasure(b, cases)
	offQs, off := allOffTuning(t), 0
	for _, q := range offQs {
		if b.Ask(q, 3).Confident {
			off++
		}
	}
	fmt.Printf("all-tuning %v off %d/%d\n", f, off, len(offQs))
}

// storyLines are scene-setting sentences with no question in them, put in
// front of tuning questions to test reading long messages.
var storyLines = []string{
	"Hi all, hope everyone's ok.",
	"Bit of background first, sorry it's long.",
	"I've been working with Mrs G for about three months now, she's 82 and lives alone in a bungalow with her cat.",
	"Her daughter visits at weekends and the DN comes in twice a week for her legs.",
	"Mr R is in his 50s, had a stroke last year and his wife does most of his care.",
	"We had the MDT on Tuesday and the hospital discharge team were there too.",
	"The family are lovely but it's been a chaotic few weeks with lots of different people going in.",
	"I'm a newly qualified SW in the locality team, still finding my feet.",
	"The GP rang me yesterday about his falls and his medication.",
	"Little boy is 4, at nursery three mornings a week, with a speech delay.",
	"Mum has been struggling since the baby was born and dad works away.",
	"Referral came through duty last week and it landed on my desk.",
}

// withStories returns each case with two or three story sentences before
// its question, chosen in a fixed order.
func withStories(cases []evalCase) []evalCase {
	out := make([]evalCase, len(cases))
	for i, c := range cases {
		n := len(storyLines)
		story := storyLines[i%n] + " " + storyLines[(i*7+3)%n] + " "
		if i%2 == 0 {
			story += storyLines[(i*5+1)%n] + " "
		}
		q := c.q
		if !strings.ContainsAny(q[len(q)-1:], "?.!") {
			q += "?"
		}
		out[i] = evalCase{want: c.want, q: story + q}
	}
	return out
}
