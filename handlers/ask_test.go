package handlers_test

import (
	"strings"
	"testing"
)

func TestAskAnswersWithRuleSourceAndNextStep(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"DM question", "can I share information without consent as part of a safeguarding enquiry?",
			[]string{"Rule consent.safeguarding", "Kent County Council"}},
		{"slash ask", "/jointwork ask if I decline a formal request what do I have to do?",
			[]string{"law.formal-request.decline", "Next step"}},
		{"not confident", "what's the weather like in Margate tomorrow?",
			[]string{"not confident", "/jointwork help"}},
		{"rules show", "/jointwork rules show tac.level.teamwork", []string{"Rule tac.level.teamwork", "Limbrick"}},
		{"unknown rule", "/jointwork rules show no.such.rule", []string{"There is no rule `no.such.rule`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := e.dm("bea", tt.text)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Fatalf("missing %q in:\n%s", w, out)
				}
			}
		})
	}
}
