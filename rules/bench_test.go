package rules

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"
)

// benchQuestions is the dev set when present, else the held-out set.
func benchQuestions(b *testing.B) []string {
	path := devSetPath()
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("testdata", "heldout-questions.tsv")
	}
	var qs []string
	for _, c := range readEval(b, path) {
		qs = append(qs, c.q)
	}
	return qs
}

// BenchmarkAsk asks every dev-set question per op and reports the median
// and 99th-percentile time per question (each question's mean over the
// iterations) and the allocations per question.
func BenchmarkAsk(b *testing.B) {
	book := mustDefault(b)
	qs := benchQuestions(b)
	per := make([]time.Duration, len(qs))
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, q := range qs {
			start := time.Now()
			book.Ask(q, 3)
			per[j] += time.Since(start)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	sort.Slice(per, func(i, j int) bool { return per[i] < per[j] })
	median := per[len(per)/2] / time.Duration(b.N)
	p99 := per[(len(per)*99)/100] / time.Duration(b.N)
	b.ReportMetric(float64(median.Nanoseconds()), "median-ns/question")
	b.ReportMetric(float64(p99.Nanoseconds()), "p99-ns/question")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(b.N*len(qs)), "allocs/question")
}

// BenchmarkLoad parses the embedded rule YAML and builds the index, reading
// the classifier from model/model.bin, as Default does once per process.
// The fastest iteration is reported too: on a shared machine it is the
// best estimate of the cost without other load.
func BenchmarkLoad(b *testing.B) { benchLoad(b, true) }

// BenchmarkLoadTrained is BenchmarkLoad training the classifier instead
// (what a book with local rules costs), with the utterance YAML parsed.
func BenchmarkLoadTrained(b *testing.B) { benchLoad(b, false) }

func benchLoad(b *testing.B, fromFile bool) {
	useModelFile = fromFile
	defer func() { useModelFile = true }()
	b.ReportAllocs()
	fastest := time.Duration(1 << 62)
	for i := 0; i < b.N; i++ {
		start := time.Now()
		raws, probs, err := parseEmbedded()
		if err != nil {
			b.Fatal(err)
		}
		if !fromFile {
			if _, err := readUtterances(utteranceData, "data/utterances/*.yaml"); err != nil {
				b.Fatal(err) // parsed once per process by the book; timed here too
			}
		}
		bk := build(raws, nil, probs)
		fastest = min(fastest, time.Since(start))
		if len(bk.problems) > 0 {
			b.Fatal(bk.problems)
		}
		if i == 0 && fromFile && embeddedModel(bk.rules) == nil {
			b.Fatal("model/model.bin does not fit the data: run go generate ./rules")
		}
	}
	b.ReportMetric(float64(fastest.Nanoseconds()), "fastest-ns/load")
}

// BenchmarkDecide decides with nothing known (the most completions).
func BenchmarkDecide(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Decide(Facts{})
	}
}
