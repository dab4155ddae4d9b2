//go:build calibrate

package rules

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestCalList14 lists the tuning questions with the calibrator's
// probability (JW_CL=1).
func TestCalList14(t *testing.T) {
	b := tuningBook(t, "JW_CL")
	var lines []string
	for _, c := range tuningCases(t) {
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

// TestLongMiss14 lists tuning questions right first alone but wrong after
// a story (JW_LM=1).
func TestLongMiss14(t *testing.T) {
	b := tuningBook(t, "JW_LM")
	cases := tuningCases(t)
	long := withStories(cases)
	for i, c := range cases {
		r0, r1 := b.search(c.q, 3), b.search(long[i].q, 3)
		if len(r0.hits) == 0 || len(r1.hits) == 0 {
			continue
		}
		if contains(c.want, r0.hits[0].Rule.ID) && !contains(c.want, r1.hits[0].Rule.ID) {
			fmt.Printf("%-26s -> %-26s p %.2f/%.2f :: %s\n", c.want[0], r1.hits[0].Rule.ID, b.idx.cal.prob(r0), b.idx.cal.prob(r1), long[i].q)
		}
	}
}

// TestSig14 prints the signals and calibrated probability of JW_Q
// questions ("|" between them).
func TestSig14(t *testing.T) {
	b := tuningBook(t, "JW_Q")
	for _, q := range strings.Split(os.Getenv("JW_Q"), "|") {
		r := b.search(q, 3)
		if len(r.hits) == 0 {
			continue
		}
		fmt.Printf("%.3f %s %v\n  s %.2f m %.2f p %.2f o %.3f knn %.2f offknn %.2f cov %.2f key %.2f agree %d\n", b.idx.cal.prob(r), b.band(r), r.hits[0].Rule.ID, r.hits[0].Score, r.margin, r.prob, r.off, r.knn, r.offKnn, r.cov, r.keyCov, r.agree)
	}
}

// TestOffAnswered14 lists the tuning off-topic questions answered (JW_OA=1).
func TestOffAnswered14(t *testing.T) {
	b := tuningBook(t, "JW_OA")
	for _, q := range allOffTuning(t) {
		r := b.search(q, 3)
		if b.band(r) == BandAnswer {
			fmt.Printf("%.2f %-26s o %.2f p %.2f m %.2f cov %.2f kd %.2f :: %s\n", b.idx.cal.prob(r), r.hits[0].Rule.ID, r.off, r.prob, r.margin, r.cov, r.knn-r.offKnn, q)
		}
	}
}

// TestBandWhy14 prints, for the tuning questions with the right rule first
// but not answered, which answer condition failed (JW_WHY=1).
func TestBandWhy14(t *testing.T) {
	b := tuningBook(t, "JW_WHY")
	for _, c := range tuningCases(t) {
		r := b.search(c.q, 3)
		if len(r.hits) == 0 || !contains(c.want, r.hits[0].Rule.ID) || b.band(r) == BandAnswer {
			continue
		}
		var why []string
		add := func(ok bool, name string) {
			if !ok {
				why = append(why, name)
			}
		}
		add(r.hits[0].Score >= answerScore, "score")
		add(r.lead(), fmt.Sprintf("lead(m %.2f p %.2f a %d long %v)", r.margin, r.prob, r.agree, r.long))
		add(r.cov >= answerCov, fmt.Sprintf("cov %.2f", r.cov))
		add(r.off < answerOff, fmt.Sprintf("off %.2f", r.off))
		add(r.knn-r.offKnn >= answerKnnLead, fmt.Sprintf("knnlead %.2f", r.knn-r.offKnn))
		add(b.idx.calibrated(r) >= answerCalib, fmt.Sprintf("cal %.2f", b.idx.calibrated(r)))
		fmt.Printf("%-50s :: %.80s\n", strings.Join(why, " "), c.q)
	}
}
