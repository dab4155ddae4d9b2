package rules

import (
	"reflect"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"one question?", []string{"one question?"}},
		{"Visited today. He said no!! Can I go ahead?", []string{"Visited today.", "He said no!!", "Can I go ahead?"}},
		{"line one\nline two", []string{"line one", "line two"}},
		{"", nil},
	}
	for _, tc := range tests {
		if got := sentences(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("sentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStoryWeighsLessThanTheQuestion: in a long message the words of the
// sentence with the question mark count fully and the story's count less.
func TestStoryWeighsLessThanTheQuestion(t *testing.T) {
	b := mustDefault(t)
	story := strings.Repeat("We visited the flat on Tuesday with the nurse and talked about the garden. ", 3)
	terms := b.idx.questionTerms(story + "Do we need a referral?")
	if terms["referr"] != 1 || terms["flat"] != storyWeight*3 {
		t.Errorf("referral %v, flat %v; want 1 and %v", terms["referr"], terms["flat"], storyWeight*3)
	}
	short := b.idx.questionTerms("Flat visit. Do we need a referral?")
	if short["flat"] != 1 {
		t.Errorf("short message: flat %v, want 1 (read as one question)", short["flat"])
	}
}

func TestClassifierFeatures(t *testing.T) {
	terms := map[string]float64{}
	addTerms(tokenize("the client isn't present, do we have to"), stem, 1, terms)
	for _, want := range []string{"!present", "client", "~person", "^have_to"} {
		if terms[want] == 0 {
			t.Errorf("feature %q missing from %v", want, terms)
		}
	}
	if terms["!client"] != 0 {
		t.Errorf("negation reached back before the negator: %v", terms)
	}
}

// TestModelIsDeterministic: two builds of the same book give the same
// scores, so an answer never changes between restarts (trained at load,
// as for a book with local rules).
func TestModelIsDeterministic(t *testing.T) {
	useModelFile = false
	defer func() { useModelFile = true }()
	raws, probs, err := parseEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	b1, b2 := build(raws, nil, probs), build(raws, nil, probs)
	for _, q := range []string{"TM says we can ignore the written referral", "mum lacks capacity, no LPA", "benevolent chaos"} {
		h1, h2 := b1.Search(q, 5), b2.Search(q, 5)
		if len(h1) != len(h2) {
			t.Fatalf("%q: %d vs %d hits", q, len(h1), len(h2))
		}
		for i := range h1 {
			if h1[i].Rule.ID != h2[i].Rule.ID || h1[i].Score != h2[i].Score {
				t.Errorf("%q hit %d: %s %.4f vs %s %.4f", q, i, h1[i].Rule.ID, h1[i].Score, h2[i].Rule.ID, h2[i].Score)
			}
		}
	}
}
