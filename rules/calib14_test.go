//go:build calibrate

package rules

import (
	"fmt"
	"os"
	"sort"
	"testing"
)

// TestCalib14 fits the calibrator out of fold and sweeps its threshold on
// the tuning half (JW_CAL=1).
func TestCalib14(t *testing.T) {
	b := tuningBook(t, "JW_CAL")
	xs, ys := b.foldRows(calibFolds)
	ok := 0
	for _, y := range ys {
		if y {
			ok++
		}
	}
	if os.Getenv("JW_CAL_OLD") != "" {
		for _, q := range olderCases(t) {
			if r := b.search(q.q, 3); len(r.hits) > 0 {
				xs, ys = append(xs, r.signals()), append(ys, contains(q.want, r.hits[0].Rule.ID))
			}
		}
		for _, q := range olderOff(t) {
			if r := b.search(q, 3); len(r.hits) > 0 {
				xs, ys = append(xs, r.signals()), append(ys, false)
			}
		}
	}
	c := fitCalibrator(xs, ys)
	fmt.Printf("oof rows %d right %d\nw %.2f bias %.2f\n", len(xs), ok, c.W, c.Bias)
	type row struct {
		p     float64
		right bool
		off   bool
	}
	var rows []row
	cases := tuningCases(t)
	for _, q := range cases {
		r := b.search(q.q, 3)
		if len(r.hits) == 0 {
			continue
		}
		rows = append(rows, row{p: c.prob(r), right: contains(q.want, r.hits[0].Rule.ID)})
	}
	for _, q := range evalLines(t, tuningHalf.offTopic) {
		r := b.search(q, 3)
		if len(r.hits) == 0 {
			continue
		}
		rows = append(rows, row{p: c.prob(r), off: true})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].p > rows[j].p })
	right, wrong, off := 0, 0, 0
	for i, r := range rows {
		switch {
		case r.off:
			off++
		case r.right:
			right++
		default:
			wrong++
		}
		if i+1 < len(rows) && rows[i+1].p == r.p {
			continue
		}
		if (i+1 < len(rows) && !rows[i+1].right) || wrong > 8 {
			fmt.Printf("p>=%.3f right %.1f%% wrong %.1f%% off %d\n", r.p, 100*float64(right)/float64(len(cases)), 100*float64(wrong)/float64(len(cases)), off)
		}
		if wrong > 8 {
			break
		}
	}
}
