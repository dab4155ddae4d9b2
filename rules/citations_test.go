package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var quoted = regexp.MustCompile(`"([^"]+)"`)

// TestKentSectionsAreFindable: every kent-joint-work rule's section quotes
// the document's own words (a lead phrase, a table's row or column name),
// so a reviewer finds it with a PDF reader's search box. Each quoted phrase
// must occur in the seed text, and each section must quote a phrase of
// three words or more.
func TestKentSectionsAreFindable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedDir(), "seeds", "000_93e25fd8cbc24ad2.txt"))
	if err != nil {
		t.Skipf("Kent seed not beside the repo (set JW_SHARED): %v", err)
	}
	seed := normSpace(string(data))
	n := 0
	for _, r := range mustDefault(t).Rules() {
		if r.Source != "kent-joint-work" {
			continue
		}
		n++
		long := false
		for _, m := range quoted.FindAllStringSubmatch(r.Section, -1) {
			if !strings.Contains(seed, normSpace(m[1])) {
				t.Errorf("%s: section quotes %q, not found in the Kent text", r.ID, m[1])
			}
			long = long || len(strings.Fields(m[1])) >= 3
		}
		if !long {
			t.Errorf("%s: section %q quotes no lead phrase of three words or more", r.ID, r.Section)
		}
	}
	if n < 30 {
		t.Errorf("only %d Kent rules checked", n)
	}
}

// normSpace lower-cases s and folds runs of space into one.
func normSpace(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// TestOutsideLawIsNamed: an answer or next step that leans on law outside
// the two documents names the Act and says it is not from the guidance.
func TestOutsideLawIsNamed(t *testing.T) {
	acts := []string{"Mental Capacity Act 2005", "Care Act 2014 s42", "Children Act 1989"}
	marker := regexp.MustCompile(`(?i)general (children's )?law|not (from )?the (kent )?guidance|comes from the act`)
	for _, r := range mustDefault(t).Rules() {
		text := r.Answer + " " + r.NextStep
		for _, act := range acts {
			if strings.Contains(text, act) && !marker.MatchString(text) {
				t.Errorf("%s names %s without saying it is general law, not the guidance", r.ID, act)
			}
		}
	}
	for _, id := range []string{"consent.capacity", "consent.incapacity.lpa-deputy", "consent.child", "consent.child.young-person", "consent.child.protection", "law.care-act-s6", "jw.form.multi-agency"} {
		r, _ := mustDefault(t).Rule(id)
		if !marker.MatchString(r.Answer) {
			t.Errorf("%s leans on law outside the guidance but does not say so", id)
		}
	}
}
