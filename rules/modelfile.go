package rules

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // the trained model file
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"math"
	"slices"
)

// The embedded book's classifier is trained ahead of time ("go generate
// ./rules" writes model/model.bin) so loading does not pay for the training:
// the file is keyed by a SHA-256 of everything under data/ and read only
// when the key and the rule IDs match and no local rules are loaded; any
// other book (a council's local rules, a stale file) is trained at load.
// TestModelFile fails when the committed file is not what training gives.
//
//go:generate go test -run ^TestModelFile$ . -args -write-model

//go:embed model/model.bin
var modelFile []byte

// modelMagic starts a model file (bump the digit with the format).
const modelMagic = "JWM2"

// useModelFile lets tests force training at load.
var useModelFile = true

// savedModel is what a model file holds.
type savedModel struct {
	key   [32]byte
	ids   []string // the rules in index order (the classes before "none")
	cal   *calibrator
	clf   *classifier
	words []string // utterance words the typo fixer may land on
}

// dataKey hashes every embedded data file (path and content, in path order).
func dataKey() [32]byte {
	h := sha256.New()
	_ = fs.WalkDir(utteranceData, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f, err := utteranceData.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h.Write(binary.AppendUvarint(append([]byte(p), 0), uint64(info.Size())))
		_, err = io.Copy(h, f) // no copy of the file in memory
		return err
	})
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

// encodeModel writes m in the model file format.
func encodeModel(m savedModel) []byte {
	var w mwriter
	w.b = append(append(w.b, modelMagic...), m.key[:]...)
	w.strs(m.ids)
	for _, arr := range [][nSignals]float64{m.cal.Mean, m.cal.Scale, m.cal.W} {
		for _, v := range arr {
			w.f64(v)
		}
	}
	w.f64(m.cal.Bias)
	c := m.clf
	names := make([]string, len(c.dict))
	for t, id := range c.dict {
		names[id] = t
	}
	w.strs(names)
	w.uv(uint64(c.nRules))
	w.uv(uint64(c.ruleTexts))
	w.uv(uint64(len(c.rule)))
	for _, d := range c.rule {
		w.uv(uint64(d))
	}
	n := 0
	for _, ps := range c.post {
		n += len(ps)
	}
	w.uv(uint64(n))
	for _, ps := range c.post {
		w.uv(uint64(len(ps)))
		prev := int32(0)
		for _, p := range ps {
			w.uv(uint64(p.u - prev))
			prev = p.u
			w.b = binary.LittleEndian.AppendUint32(w.b, math.Float32bits(p.w))
		}
	}
	w.uv(uint64(len(c.lin.packed)))
	w.b = append(w.b, c.lin.packed...)
	w.strs(m.words)
	return w.b
}

// decodeHeader reads a model file's key, rule IDs and calibrator; the
// reader is left at the classifier.
func decodeHeader(data []byte) (savedModel, *mreader, error) {
	var m savedModel
	if !bytes.HasPrefix(data, []byte(modelMagic)) || len(data) < len(modelMagic)+32 {
		return m, nil, errors.New("not a model file")
	}
	copy(m.key[:], data[len(modelMagic):])
	r := &mreader{b: data[len(modelMagic)+32:]}
	m.ids = r.strs()
	m.cal = &calibrator{}
	for _, arr := range []*[nSignals]float64{&m.cal.Mean, &m.cal.Scale, &m.cal.W} {
		for i := range arr {
			arr[i] = r.f64()
		}
	}
	m.cal.Bias = r.f64()
	return m, r, r.err
}

// decodeModel reads a whole model file.
func decodeModel(data []byte) (savedModel, error) {
	m, r, err := decodeHeader(data)
	if err != nil {
		return m, err
	}
	names := r.strs()
	c := &classifier{dict: make(map[string]int32, len(names))}
	for id, t := range names {
		c.dict[t] = int32(id)
	}
	c.nRules, c.ruleTexts = int(r.uv()), int(r.uv())
	c.rule = make([]int32, r.count())
	c.perRul = make([]int, c.nRules)
	for u := range c.rule {
		c.rule[u] = int32(r.uv())
		if int(c.rule[u]) >= c.nRules {
			return m, errors.New("model file: bad class")
		}
		c.perRul[c.rule[u]]++
	}
	c.post = make([][]uPost, len(names))
	df := make([]int, len(names))
	all := make([]uPost, r.count()) // every posting, in one allocation
	for id := range c.post {
		n := r.count()
		if n > len(all) {
			return m, errShortModel
		}
		ps := all[:n:n]
		all = all[n:]
		u := int32(0)
		for k := range ps {
			u += int32(r.uv())
			ps[k] = uPost{u: u, w: math.Float32frombits(r.u32())}
		}
		c.post[id], df[id] = ps, len(ps)
	}
	c.setIdf(df, len(c.rule))
	c.lin = &linear{packed: r.take(r.count()), nRules: c.nRules}
	if len(c.lin.packed) != 2*len(names)*c.nRules {
		return m, errors.New("model file: weights do not fit the features")
	}
	m.words = r.strs()
	m.clf = c
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("model file: trailing bytes")
	}
	return m, r.err
}

// embeddedModel returns the model file's classifier for the embedded book
// with these rules, or nil when the file does not fit (then train).
func embeddedModel(rules []*Rule) *savedModel {
	if !useModelFile {
		return nil
	}
	m, _, err := decodeHeader(modelFile)
	if err != nil || m.key != dataKey() || len(m.ids) != len(rules) {
		return nil
	}
	for i, r := range rules {
		if m.ids[i] != r.ID {
			return nil
		}
	}
	m, err = decodeModel(modelFile)
	if err != nil {
		return nil
	}
	return &m
}

// fileCalibrator returns the model file's calibrator (fit on the embedded
// book; its signals mean the same for a book with local rules), or nil.
func fileCalibrator() *calibrator {
	m, _, err := decodeHeader(modelFile)
	if err != nil {
		return nil
	}
	return m.cal
}

// sortedWords returns the keys of a set in order.
func sortedWords(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}
