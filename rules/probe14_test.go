//go:build calibrate

package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestCalList14 lists the tuning questions with the calibrator's
// probability (JW_CL=1).
func TestCalList14(t *testing.T) {
	if os.Getenv("JW_CL") == "" {
		t.Skip()
	}
	b := mustDefault(t)
	var lines []string
	for _, c := range readEval(t, filepath.Join("testdata", "eval", "tuning.tsv")) {
		r := b.search(c.q, 3)
		if len(r.hits) == 0 {
			continue
		}
		ok := "ok "
		if !contains(c.want, r.hits[0].Rule.ID) {
			ok = "BAD"
		}
		lines = append(lines, fmt.Sprintf("%.3f %s %-28s got %-28s m %.2f p %.2f o %.2f cov %.2f :: %.120s", b.idx.cal.prob(r), ok, c.want[0], r.hits[0].Rule.ID, r.margin, r.prob, r.off, r.cov, c.q))
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}
