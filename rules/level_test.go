package rules

import (
	"reflect"
	"testing"
)

func TestAdviseLevel(t *testing.T) {
	tests := []struct {
		in   LevelInput
		want string
	}{
		{LevelInput{Agencies: 1, Practitioners: 1, Complexity: "low"}, LevelLiaison},
		{LevelInput{Agencies: 1, Practitioners: 2}, LevelLiaison},
		{LevelInput{Agencies: 1, Practitioners: 1, Complexity: "moderate"}, LevelLiaison},
		{LevelInput{Agencies: 1, Practitioners: 2, Complexity: "moderate"}, LevelCoordination},
		{LevelInput{Agencies: 2, Practitioners: 2, Complexity: "low"}, LevelCoordination},
		{LevelInput{Agencies: 1, Practitioners: 3, Complexity: "low"}, LevelCoordination},
		{LevelInput{Agencies: 4, Practitioners: 6, Complexity: "moderate"}, LevelCoordination},
		{LevelInput{Agencies: 1, Practitioners: 1, Complexity: "high"}, LevelTeamwork},
		{LevelInput{Agencies: 3, Practitioners: 5, Complexity: " HIGH "}, LevelTeamwork},
		{LevelInput{Agencies: -1, Practitioners: -5, Complexity: "unheard-of"}, LevelLiaison},
	}
	book := mustDefault(t)
	for _, tc := range tests {
		got := AdviseLevel(tc.in)
		if got.Level != tc.want || got.Rule != "tac.level."+tc.want {
			t.Errorf("AdviseLevel(%+v) = %s (%s), want %s", tc.in, got.Level, got.Rule, tc.want)
		}
		if _, ok := book.Rule(got.Rule); !ok {
			t.Errorf("AdviseLevel cites unknown rule %s", got.Rule)
		}
		if got.Meaning == "" || !reflect.DeepEqual(got.Questions, matrixQuestions) || len(got.Questions) != 3 {
			t.Errorf("AdviseLevel(%+v): meaning %q, questions %v", tc.in, got.Meaning, got.Questions)
		}
	}
	a := AdviseLevel(LevelInput{})
	a.Questions[0] = "changed"
	if matrixQuestions[0] == "changed" {
		t.Error("AdviseLevel shares its questions slice with the caller")
	}
}

func TestClassifyForm(t *testing.T) {
	tests := []struct {
		in   FormInput
		want Form
	}{
		{FormInput{Agencies: 1}, Form{Agency: "single-agency", Involvement: "indirect", Formality: "informal", Level: "low-level"}},
		{FormInput{Agencies: 0}, Form{Agency: "single-agency", Involvement: "indirect", Formality: "informal", Level: "low-level"}},
		{FormInput{Agencies: 2, PersonInvolved: true, FormalRequest: true, Complex: true},
			Form{Agency: "multi-agency", Involvement: "direct", Formality: "formal", Level: "high-level"}},
		{FormInput{Agencies: 1, PersonInvolved: true}, Form{Agency: "single-agency", Involvement: "direct", Formality: "informal", Level: "low-level"}},
		{FormInput{Agencies: 3, FormalRequest: true}, Form{Agency: "multi-agency", Involvement: "indirect", Formality: "formal", Level: "low-level"}},
	}
	book := mustDefault(t)
	for _, tc := range tests {
		got := ClassifyForm(tc.in)
		want := tc.want
		want.Rules = []string{"jw.form." + want.Agency, "jw.form." + want.Involvement, "jw.form." + want.Formality, "jw.form." + want.Level, "jw.forms.combine"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ClassifyForm(%+v) = %+v, want %+v", tc.in, got, want)
		}
		for _, id := range got.Rules {
			if _, ok := book.Rule(id); !ok {
				t.Errorf("ClassifyForm cites unknown rule %s", id)
			}
		}
	}
}
