package rules

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var writeModel = flag.Bool("write-model", false, "write model/model.bin from the embedded data (go generate)")

// trainedModel trains the embedded book's classifier (and with withCal its
// calibrator) from scratch, as go generate does.
func trainedModel(t testing.TB, withCal bool) savedModel {
	t.Helper()
	useModelFile = false
	defer func() { useModelFile = true }()
	raws, probs, err := parseEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	b := build(raws, nil, probs)
	m := savedModel{key: dataKey(), clf: b.idx.clf, words: b.idx.uWords}
	if withCal {
		m.cal = fitCalibrator(b.foldRows(calibFolds))
	}
	for _, r := range b.rules {
		m.ids = append(m.ids, r.ID)
	}
	return m
}

// TestModelFile checks that model/model.bin is what training on the
// embedded data gives (or writes it with -write-model). With -short the
// calibrator is not fitted again (the slow part) and not compared.
func TestModelFile(t *testing.T) {
	fresh := trainedModel(t, !testing.Short() || *writeModel)
	if fresh.cal == nil {
		got, err := decodeModel(modelFile)
		if err != nil {
			t.Fatalf("model/model.bin: %v: run go generate ./rules", err)
		}
		fresh.cal = got.cal
	}
	want := encodeModel(fresh)
	if *writeModel {
		if err := os.WriteFile(filepath.Join("model", "model.bin"), want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if bytes.Equal(modelFile, want) {
		return
	}
	got, err := decodeModel(modelFile)
	if err == nil {
		var fresh savedModel
		fresh, _ = decodeModel(want)
		err = modelsClose(got, fresh)
	}
	if err != nil {
		t.Fatalf("model/model.bin is stale (%v): run go generate ./rules", err)
	}
}

// modelsClose compares two models, allowing the last bit of rounding (a
// CPU that fuses multiply-adds trains very slightly differently).
func modelsClose(a, b savedModel) error {
	near := func(x, y, tol float64) bool {
		return math.Abs(x-y) <= tol*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
	}
	switch {
	case a.key != b.key:
		return errors.New("data key differs")
	case !slices.Equal(a.ids, b.ids) || !slices.Equal(a.words, b.words) || !slices.Equal(a.clf.rule, b.clf.rule):
		return errors.New("rules, words or utterances differ")
	case len(a.clf.dict) != len(b.clf.dict) || len(a.clf.lin.packed) != len(b.clf.lin.packed):
		return errors.New("features differ")
	}
	for t, id := range a.clf.dict {
		if b.clf.dict[t] != id || len(a.clf.post[id]) != len(b.clf.post[id]) {
			return fmt.Errorf("feature %q differs", t)
		}
		for k, p := range a.clf.post[id] {
			if q := b.clf.post[id][k]; p.u != q.u || !near(float64(p.w), float64(q.w), 1e-5) {
				return fmt.Errorf("feature %q weights differ", t)
			}
		}
	}
	for i := 0; i < len(a.clf.lin.packed); i += 2 {
		w := func(p []byte) float64 {
			return float64(math.Float32frombits(uint32(binary.LittleEndian.Uint16(p[i:])) << 16))
		}
		if !near(w(a.clf.lin.packed), w(b.clf.lin.packed), 1.0/64) {
			return fmt.Errorf("linear weight %d differs: %g, %g", i/2, w(a.clf.lin.packed), w(b.clf.lin.packed))
		}
	}
	for i := range a.cal.W {
		if !near(a.cal.W[i], b.cal.W[i], 2e-4) || !near(a.cal.Mean[i], b.cal.Mean[i], 2e-4) {
			return errors.New("calibrator differs")
		}
	}
	return nil
}

func TestModelFileUsed(t *testing.T) {
	b := mustDefault(t)
	if embeddedModel(b.rules) == nil {
		t.Fatal("the embedded book does not use model/model.bin: run go generate ./rules")
	}
	if b.idx.cal == nil {
		t.Fatal("no calibrator")
	}
}

// TestModelFileAnswersAsTrained asks the tuning questions of a book read
// from the model file and of one trained at load: same answers.
func TestModelFileAnswersAsTrained(t *testing.T) {
	fromFile := mustDefault(t)
	useModelFile = false
	raws, probs, err := parseEmbedded()
	trained := build(raws, nil, probs)
	useModelFile = true
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range readEval(t, filepath.Join(evalDir, tuningHalf.questions)) {
		a, b := fromFile.Ask(c.q, 3), trained.Ask(c.q, 3)
		if a.Band != b.Band || !slices.Equal(shownIDs(a), shownIDs(b)) {
			t.Errorf("%q: file %s %v, trained %s %v", c.q, a.Band, shownIDs(a), b.Band, shownIDs(b))
		}
	}
}

func TestDecodeModelRefusesDamage(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("JWM1"), modelFile[:len(modelFile)/2], append(slices.Clone(modelFile), 0)} {
		if _, err := decodeModel(data); err == nil {
			t.Errorf("decoded a damaged file of %d bytes", len(data))
		}
	}
}

// TestLocalBookTrainsAtLoad: a book with local rules does not fit the
// model file, so its classifier is trained at load (with the new rule as a
// class), and it keeps the file's calibrator.
func TestLocalBookTrainsAtLoad(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "council.yaml", localOverride)
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if embeddedModel(b.rules) != nil {
		t.Error("the model file was accepted for a book with an extra rule")
	}
	if b.idx.clf == mustDefault(t).idx.clf || b.idx.clf.nRules != len(b.rules)+1 || b.idx.cal == nil {
		t.Errorf("local book: classes %d for %d rules, calibrator %v", b.idx.clf.nRules, len(b.rules), b.idx.cal != nil)
	}
}
