package rules

import (
	"encoding/binary"
	"errors"
	"math"
)

// mwriter appends the model file's fields.
type mwriter struct{ b []byte }

func (w *mwriter) uv(v uint64)   { w.b = binary.AppendUvarint(w.b, v) }
func (w *mwriter) f64(v float64) { w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v)) }

// strs writes the count, every length, then the strings run together (so
// they are read back as one allocation).
func (w *mwriter) strs(ss []string) {
	w.uv(uint64(len(ss)))
	for _, s := range ss {
		w.uv(uint64(len(s)))
	}
	for _, s := range ss {
		w.b = append(w.b, s...)
	}
}

// mreader reads the fields back; the first error sticks and later reads
// return zeros.
type mreader struct {
	b   []byte
	err error
}

var errShortModel = errors.New("model file: truncated")

func (r *mreader) uv() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errShortModel
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length, refusing one longer than the bytes left (so a
// corrupt file cannot ask for a huge allocation).
func (r *mreader) count() int {
	n := r.uv()
	if n > uint64(len(r.b)) {
		r.err = errShortModel
		return 0
	}
	return int(n)
}

// take returns the next n bytes; after an error, zeros (n is at most 8
// or already checked by count).
func (r *mreader) take(n int) []byte {
	if r.err != nil || len(r.b) < n {
		r.err = errShortModel
		return make([]byte, min(n, 8))
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *mreader) u32() uint32  { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *mreader) f64() float64 { return math.Float64frombits(binary.LittleEndian.Uint64(r.take(8))) }

func (r *mreader) strs() []string {
	ends := make([]int, r.count())
	total := 0
	for i := range ends {
		total += r.count()
		ends[i] = total
	}
	if r.err != nil || total > len(r.b) {
		r.err = errShortModel
		return nil
	}
	all := string(r.b[:total])
	r.b = r.b[total:]
	out := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		out[i], start = all[start:e], e
	}
	return out
}
