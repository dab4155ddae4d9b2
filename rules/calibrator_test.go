package rules

import (
	"path/filepath"
	"testing"
)

// TestFitCalibrator fits rows whose label follows one signal and checks the
// fitted probability rises with it and is the same on every fit.
func TestFitCalibrator(t *testing.T) {
	var xs [][nSignals]float64
	var ys []bool
	for i := 0; i < 200; i++ {
		var x [nSignals]float64
		x[1] = float64(i%20) / 20 // the margin
		x[3] = float64(i%7) / 7   // noise in the off-topic probability
		xs, ys = append(xs, x), append(ys, i%20 >= 8)
	}
	c := fitCalibrator(xs, ys)
	if again := fitCalibrator(xs, ys); *again != *c {
		t.Fatal("two fits of the same rows differ")
	}
	hit := []Hit{{Score: 1}}
	tests := []struct {
		margin float64
		right  bool
	}{{0.05, false}, {0.2, false}, {0.6, true}, {0.9, true}}
	prev := 0.0
	for _, tc := range tests {
		p := c.prob(result{hits: hit, margin: tc.margin})
		if (p >= 0.5) != tc.right {
			t.Errorf("margin %.2f: p = %.3f, want right %v", tc.margin, p, tc.right)
		}
		if p < prev {
			t.Errorf("margin %.2f: p = %.3f fell from %.3f", tc.margin, p, prev)
		}
		prev = p
	}
	if e := fitCalibrator(nil, nil); e.prob(result{hits: hit}) != 0.5 {
		t.Error("a calibrator fit on nothing should not lean either way")
	}
}

// TestCalibratorVetoesTheBand: a question the thresholds answer is not
// answered when the calibrator thinks the rule is more likely wrong.
func TestCalibratorVetoesTheBand(t *testing.T) {
	b := mustDefault(t)
	var r result
	for _, c := range readEval(t, filepath.Join(evalDir, tuningHalf.questions)) {
		if r = b.search(c.q, DefaultTop); b.band(r) == BandAnswer {
			break
		}
	}
	if b.band(r) != BandAnswer {
		t.Fatal("no tuning question answered")
	}
	saved := b.idx.cal
	defer func() { b.idx.cal = saved }()
	tests := []struct {
		bias float64
		want string
	}{{10, BandAnswer}, {-10, BandUnsure}}
	for _, tc := range tests {
		c := *saved
		c.W, c.Bias = [nSignals]float64{}, tc.bias
		b.idx.cal = &c
		if got := b.band(r); got != tc.want {
			t.Errorf("bias %v: band %s, want %s", tc.bias, got, tc.want)
		}
	}
}

// TestFoldRows: every held-back utterance is asked alone and after a
// story, and most of them find their own rule.
func TestFoldRows(t *testing.T) {
	b := mustDefault(t)
	xs, ys := b.foldRows(calibFolds)
	n := 0
	for _, ct := range classTexts(b.rules) {
		n += ct.utterances
	}
	if len(xs) != len(ys) || len(xs) < 2*n*9/10 || len(xs) > 2*n {
		t.Fatalf("%d rows for %d utterances, want about two each", len(xs), n)
	}
	right := 0
	for _, y := range ys {
		if y {
			right++
		}
	}
	if share(right, len(ys)) < 0.6 {
		t.Errorf("only %d of %d held-back utterances found their rule", right, len(ys))
	}
}

func TestStory(t *testing.T) {
	scenes := storyTexts()
	if len(scenes) < 20 {
		t.Fatalf("%d scene sentences, want 20 or more", len(scenes))
	}
	first, again := story(scenes, 3, 4), story(scenes, 3, 4)
	if first != again || first == story(scenes, 3, 5) {
		t.Error("story should be a fixed choice that varies by utterance")
	}
	if story(nil, 1, 1) != "" {
		t.Error("no scenes, no story")
	}
}

// TestCorrectSlipsTheUtterancesRepeat: a slip some utterances contain on
// purpose ("consnet") is still read as the word they use far more often,
// while words of the rules and of the lexicon are kept.
func TestCorrectSlipsTheUtterancesRepeat(t *testing.T) {
	b := mustDefault(t)
	tests := []struct{ word, want string }{
		{"consnet", "consent"},
		{"consent", "consent"},
		{"safeguarding", "safeguarding"},
		{"ghosted", "ghosted"},
	}
	for _, tc := range tests {
		if got := b.idx.correct([]string{tc.word}); len(got) != 1 || got[0] != tc.want {
			t.Errorf("correct(%q) = %v, want %s", tc.word, got, tc.want)
		}
	}
}
