package rules

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
)

// linear is a multinomial logistic regression (softmax) over the same
// TF-IDF vectors as the classifier, trained at load time by a few epochs of
// stochastic gradient descent in a fixed order (so a book always gives the
// same answers), stopped early (few epochs, decaying rate) instead of an L2
// penalty. Its probabilities rank rules better than the nearest
// neighbours alone and say how sure the model is.
type linear struct {
	w      []float32 // feature × rule, while training
	packed []byte    // the same as little-endian bfloat16, once trained (see pack)
	nRules int
}

// Training settings (variables so the calibration test can vary them).
var (
	lrEpochs = 3
	lrRate   = 4.0
	minGrad  = 1e-3 // gradients smaller than this are skipped (training speed)
	// offTopicBoost scales the learning rate on the off-topic examples (the
	// last class), which are few next to the rules' utterances.
	offTopicBoost = 2.0
)

// sparse is one feature of a normalised vector.
type sparse struct {
	id int32
	v  float32
}

// trainLinear fits the model to vecs with labels (rule indexes).
func trainLinear(vecs [][]sparse, labels []int32, nFeat, nRules int) *linear {
	m := &linear{w: make([]float32, nFeat*nRules), nRules: nRules}
	if len(vecs) == 0 {
		return m
	}
	order := make([]int, len(vecs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(14, 14))
	p := make([]float64, nRules)
	active := make([]int, 0, nRules)
	acc := make([]float32, nRules)
	for e := 0; e < lrEpochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := lrRate / (1 + float64(e))
		for _, i := range order {
			m.probsWith(vecs[i], p, acc)
			p[labels[i]] -= 1
			r := rate
			if int(labels[i]) == nRules-1 {
				r *= offTopicBoost
			}
			active = active[:0]
			for d, g := range p {
				if g > minGrad || g < -minGrad {
					active = append(active, d) // the rest would barely move
				}
			}
			for _, f := range vecs[i] {
				row := m.w[int(f.id)*nRules : int(f.id)*nRules+nRules]
				for _, d := range active {
					row[d] -= float32(r * p[d] * float64(f.v))
				}
			}
		}
	}
	return m
}

// probs sets p to the softmax of the rules' scores for x under the packed
// weights.
func (m *linear) probs(x []sparse, p []float64) {
	acc := make([]float32, m.nRules)
	for _, f := range x {
		row := m.packed[2*int(f.id)*m.nRules : 2*(int(f.id)+1)*m.nRules]
		for d := range acc {
			acc[d] += math.Float32frombits(uint32(binary.LittleEndian.Uint16(row[2*d:]))<<16) * f.v
		}
	}
	softmax(acc, p)
}

// probsWith is probs with a scratch slice of nRules scores.
func (m *linear) probsWith(x []sparse, p []float64, acc []float32) {
	clear(acc)
	for _, f := range x {
		row := m.w[int(f.id)*m.nRules : int(f.id)*m.nRules+m.nRules]
		for d, w := range row {
			acc[d] += w * f.v
		}
	}
	softmax(acc, p)
}

// softmax sets p to the softmax of the scores in acc.
func softmax(acc []float32, p []float64) {
	mx := acc[0]
	for _, s := range acc {
		mx = max(mx, s)
	}
	var sum float64
	for d, s := range acc {
		p[d] = math.Exp(float64(s - mx))
		sum += p[d]
	}
	for d := range p {
		p[d] /= sum
	}
}

// pack stores the trained weights as bfloat16 (the top 16 bits, rounded to
// nearest), as the model file does, so a model trained at load and one read
// from the file answer the same, and drops the float32 weights.
func (m *linear) pack() {
	m.packed = make([]byte, 0, 2*len(m.w))
	for _, w := range m.w {
		m.packed = binary.LittleEndian.AppendUint16(m.packed, uint16(bf16(w)>>16))
	}
	m.w = nil
}

// bf16 returns w rounded to bfloat16, in the top half of a float32's bits.
func bf16(w float32) uint32 {
	return (math.Float32bits(w) + 0x8000) &^ 0xFFFF
}
