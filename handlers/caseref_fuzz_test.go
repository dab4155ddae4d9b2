package handlers

import (
	"regexp"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/directory"
)

var tenDigits = regexp.MustCompile(`\d{10}`)

// FuzzCheckCaseRef: no panic; an accepted reference is lower-case, within
// the channel-name limits, and carries no 10-digit run (an NHS number) and
// no directory name as a run of letters.
func FuzzCheckCaseRef(f *testing.F) {
	for _, s := range []string{"c101", "C-101", "#jw-c101", "john-smith-12", "01-02-1990", "485 777 3456", "alex-12", "asc-2026-14", "", "--", "ß9"} {
		f.Add(s)
	}
	people := []directory.Person{{Handle: "alex", Name: "Alex Example"}}
	f.Fuzz(func(t *testing.T, raw string) {
		ref, err := checkCaseRef(raw, people)
		if err != nil {
			return
		}
		switch {
		case ref != strings.ToLower(ref), len(ref) < 2, len(ref) > 32:
			t.Fatalf("accepted %q as %q", raw, ref)
		case tenDigits.MatchString(strings.ReplaceAll(ref, "-", "")):
			t.Fatalf("accepted a 10-digit run: %q", ref)
		}
		for _, run := range letterRunRE.FindAllString(ref, -1) {
			if run == "alex" || run == "example" {
				t.Fatalf("accepted a directory name: %q", ref)
			}
		}
	})
}
