//go:build calibrate

package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestNearOff prints the near-topic off-topic development questions that are
// answered (JW_NO=1), or all of them with their features (JW_NO=all).
func TestNearOff(t *testing.T) {
	b := tuningBook(t, "JW_NO")
	for _, q := range readLines(t, filepath.Join("testdata", "offtopic-near-dev.txt")) {
		r := b.search(q, 3)
		a := b.Ask(q, 3)
		if len(r.hits) > 0 && (a.Confident || os.Getenv("JW_NO") == "all") {
			fmt.Printf("%-7s %-28s s %.2f m %.2f p %.2f cov %.2f o %.3f a %d :: %s\n", a.Band, r.hits[0].Rule.ID, r.hits[0].Score, r.margin, r.prob, r.cov, r.off, r.agree, q)
		}
	}
}
