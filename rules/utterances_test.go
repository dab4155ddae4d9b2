package rules

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// minUtterances is how many training utterances every rule of the embedded
// book must have.
const minUtterances = 40

func TestUtterancesLoad(t *testing.T) {
	emb, err := embeddedUtterances()
	if err != nil {
		t.Fatalf("embedded utterances: %v", err)
	}
	b := mustDefault(t)
	for id := range emb {
		if _, ok := b.Rule(id); !ok {
			t.Errorf("utterances for unknown rule %q", id)
		}
	}
	for _, id := range SpecIDs() {
		if n := len(emb[id]); n < minUtterances {
			t.Errorf("spec rule %s has %d utterances, want at least %d", id, n, minUtterances)
		}
	}
	for _, r := range b.Rules() {
		if n := len(utterancesOf(r)); n < minUtterances {
			t.Errorf("rule %s has %d utterances, want at least %d", r.ID, n, minUtterances)
		}
	}
}

func TestReadUtterances(t *testing.T) {
	fsys := fstest.MapFS{
		"u/a.yaml": {Data: []byte("utterances:\n  x.one: [\"first\", \"second\"]\n")},
		"u/b.yaml": {Data: []byte("utterances:\n  x.one: [\"third\"]\n  x.two: [\"other\"]\n")},
	}
	got, err := readUtterances(fsys, "u/*.yaml")
	if err != nil || strings.Join(got["x.one"], "|") != "first|second|third" || len(got["x.two"]) != 1 {
		t.Errorf("readUtterances = %v, %v", got, err)
	}
	fsys["u/c.yaml"] = &fstest.MapFile{Data: []byte("utterances: [not, a, map]\n")}
	if _, err := readUtterances(fsys, "u/*.yaml"); err == nil || !strings.Contains(err.Error(), "u/c.yaml") {
		t.Errorf("bad file: err %v, want one naming u/c.yaml", err)
	}
}

// localWithUtterances adds a rule whose title and answer share no words
// with the questions below: only its utterances can find it.
const localWithUtterances = `rules:
  - id: local.parking.permit
    title: Visitor arrangements at county hall
    answer: Reception issues day passes for partner agencies attending a joint meeting.
    source: kent-local
    section: Facilities
    utterances:
%s`

func TestLocalRuleUtterances(t *testing.T) {
	var us []string
	for i := range minUtterances {
		us = append(us, fmt.Sprintf("      - \"can the hospital physio get a visitor pass for the case conference %d\"", i))
	}
	dir := t.TempDir()
	writeFile(t, dir, "local.yaml", fmt.Sprintf(localWithUtterances, strings.Join(us, "\n")))
	b, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	r, _ := b.Rule("local.parking.permit")
	if len(r.Utterances) != minUtterances {
		t.Fatalf("local rule has %d utterances, want %d", len(r.Utterances), minUtterances)
	}
	a := b.Ask("does the hospital physio get a visitor pass for the case conference", 3)
	if len(a.Suggestions) == 0 || a.Suggestions[0].ID != "local.parking.permit" {
		t.Errorf("local rule not found through its utterances: %v", shownIDs(a))
	}
	if a := mustDefault(t).Ask("does the hospital physio get a visitor pass for the case conference", 3); contains(shownIDs(a), "local.parking.permit") {
		t.Error("local utterances leaked into the embedded book")
	}
}

// TestOffTopicTexts: the "none of the rules" class has its training texts,
// and an off-topic question lands in band unknown.
func TestOffTopicTexts(t *testing.T) {
	if n := len(offTopicTexts()); n < 100 {
		t.Errorf("%d off-topic training texts, want at least 100", n)
	}
	b := mustDefault(t)
	for _, q := range []string{"what's the mileage rate for a hire car", "my monitor keeps flickering"} {
		if a := b.Ask(q, 3); a.Band != BandUnknown {
			t.Errorf("Ask(%q): band %s, want unknown", q, a.Band)
		}
	}
}
