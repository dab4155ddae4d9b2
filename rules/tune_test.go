//go:build calibrate

package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// tuneFigures are the issue-14 measures of one question set.
type tuneFigures struct {
	n, right, wrong, first, three int
	misses                        []string
}

func tuneMeasure(b *Book, cases []evalCase) tuneFigures {
	var f tuneFigures
	for _, c := range cases {
		f.n++
		a := b.Ask(c.q, 3)
		var shown []string
		if a.Confident {
			for _, h := range a.Hits {
				shown = append(shown, h.Rule.ID)
			}
		} else {
			for _, r := range a.Suggestions {
				shown = append(shown, r.ID)
			}
		}
		shown = shown[:min(3, len(shown))]
		if a.Confident {
			if contains(c.want, shown[0]) {
				f.right++
			} else {
				f.wrong++
			}
		}
		in := false
		for i, id := range shown {
			if contains(c.want, id) {
				in = true
				if i == 0 {
					f.first++
				}
			}
		}
		if in {
			f.three++
		}
		if !a.Confident || !contains(c.want, shown[0]) {
			f.misses = append(f.misses, fmt.Sprintf("%-7s %-32s got %v :: %s", a.Band, strings.Join(c.want, ","), shown, c.q))
		}
	}
	return f
}

func (f tuneFigures) String() string {
	p := func(k int) float64 { return 100 * float64(k) / float64(f.n) }
	return fmt.Sprintf("n=%d right %.1f%% wrong %.1f%% first %.1f%% top3 %.1f%%", f.n, p(f.right), p(f.wrong), p(f.first), p(f.three))
}

// TestTune14 prints the figures on the tuning half (misses with JW_MISS=1)
// and, with JW_HELD=1, only the aggregate figures of the held-out half.
// JW_SET="name=value …" sets model variables first.
func TestTune14(t *testing.T) {
	b := tuningBook(t, "JW_TUNE")
	cases := tuningCases(t)
	if os.Getenv("JW_SUBSET") != "" { // only questions whose rules have utterances
		emb, _ := embeddedUtterances()
		var keep []evalCase
		for _, c := range cases {
			if len(emb[c.want[0]]) > 0 {
				keep = append(keep, c)
			}
		}
		cases = keep
	}
	tune := tuneMeasure(b, cases)
	fmt.Println("tuning ", tune)
	offQs, offConf := evalLines(t, tuningHalf.offTopic), 0
	for _, q := range offQs {
		if a := b.Ask(q, 3); a.Confident {
			offConf++
			if os.Getenv("JW_MISS") != "" {
				fmt.Println("  off:", a.Hits[0].Rule.ID, "::", q)
			}
		}
	}
	fmt.Printf("off-topic tuning confident %d/%d\n", offConf, len(offQs))
	if os.Getenv("JW_MISS") != "" {
		sort.Strings(tune.misses)
		for _, m := range tune.misses {
			fmt.Println("  miss:", m)
		}
	}
	if os.Getenv("JW_HELD") != "" {
		held := tuneMeasure(b, readEval(t, filepath.Join(evalDir, heldOutHalf.questions)))
		held.misses = nil
		heldOff, n := evalLines(t, heldOutHalf.offTopic), 0
		for _, q := range heldOff {
			if b.Ask(q, 3).Confident {
				n++
			}
		}
		fmt.Println("HELD-OUT", held, fmt.Sprintf("off-topic confident %d/%d", n, len(heldOff)))
	}
}

// TestUnknown14 lists tuning-question words neither model knows (JW_UNK=1).
func TestUnknown14(t *testing.T) {
	b := tuningBook(t, "JW_UNK")
	count := map[string]int{}
	for _, c := range tuningCases(t) {
		for _, w := range b.idx.correct(tokenize(c.q)) {
			st := stem(w)
			if stopWords[w] || w == boundary {
				continue
			}
			if _, ok := b.idx.clf.dict[st]; ok {
				continue
			}
			count[w]++
		}
	}
	var ks []string
	for k, n := range count {
		ks = append(ks, fmt.Sprintf("%s:%d", k, n))
	}
	sort.Strings(ks)
	fmt.Println(strings.Join(ks, " "))
}

// TestScatter14 prints the confidence features of every tuning question
// (ok = right rule first, bad = wrong) and tuning off-topic question (JW_SC=1).
func TestScatter14(t *testing.T) {
	b := tuningBook(t, "JW_SC")
	show := func(label string, want []string, q string) {
		r := b.search(q, 3)
		if len(r.hits) == 0 {
			fmt.Printf("%-4s none\n", label)
			return
		}
		if want != nil {
			label = "bad"
			if contains(want, r.hits[0].Rule.ID) {
				label = "ok"
			}
		}
		fmt.Printf("%-4s s %.3f m %.3f p %.3f knn %.3f cov %.2f bm %.2f o %.3f a %d ok %.3f kd %.3f\n", label, r.hits[0].Score, r.margin, r.prob, r.knn, r.cov, r.bm25, r.off, r.agree, r.offKnn, r.knn-r.offKnn)
	}
	for _, c := range tuningCases(t) {
		if os.Getenv("JW_SC") == "long" && len(strings.Fields(c.q)) < 25 {
			continue
		}
		show("", c.want, c.q)
	}
	for _, q := range allOffTuning(t) {
		show("off", nil, q)
	}
}

// setVars applies JW_SET="name=value …" to the model variables.
func setVars() {
	vars := map[string]*float64{"bw": &bm25Weight, "bh": &bm25Half, "as": &answerScore, "am": &answerMargin, "gm": &agreeMargin, "gp": &agreeProb, "lm": &longMargin, "ob": &offTopicBoost, "kl": &answerKnnLead, "lp": &longProb, "lo": &longOff,
		"ap": &answerProb, "ao": &answerOff, "uo": &unsureOff, "ac": &answerCov, "us": &unsureScore, "uc": &unsureCov, "pf": &pairFeat, "sw": &storyWeight, "rc": &relCut, "kw": &knnWeight, "lw": &lrWeight, "lr": &lrRate, "mg": &minGrad, "nf": &negFeat, "ff": &frameFeat, "cf": &charFeat, "bs": &bm25Story, "ca": &answerCalib}
	if os.Getenv("JW_SET") != "" {
		useModelFile = false // the file was trained with the defaults
	}
	for _, kv := range strings.Fields(os.Getenv("JW_SET")) {
		k, v, _ := strings.Cut(kv, "=")
		f, _ := strconv.ParseFloat(v, 64)
		switch k {
		case "k":
			knnK = int(f)
			continue
		case "ep":
			lrEpochs = int(f)
			continue
		case "sn":
			storyWords = int(f)
			continue
		}
		*vars[k] = f
	}
}

// TestScenarios14 prints the tuning questions that get a consent decision
// (JW_SCEN=1).
func TestScenarios14(t *testing.T) {
	if os.Getenv("JW_SCEN") == "" {
		t.Skip()
	}
	n := 0
	cases := tuningCases(t)
	for _, c := range cases {
		if f, d, ok := Scenario(c.q); ok {
			n++
			fmt.Printf("%-28s %-14s %v :: %.110s\n", strings.Join(c.want, ","), d.Decision, f.Pairs(), c.q)
		}
	}
	fmt.Println("with a decision:", n, "of", len(cases))
}
