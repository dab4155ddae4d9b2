package handlers_test

import "testing"

func TestLevel(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris wound care")
	e.play(t, []step{
		{name: "advice", as: "bea", where: "c101", text: "/jointwork level", want: []string{"Suggested level for case c101", "Ask yourself 1", "[Set level"}},
		{name: "advice with complexity", as: "bea", where: "c101", text: "/jointwork level high", want: []string{"Suggested level for case c101: teamwork"}},
		{name: "nonsense", as: "bea", where: "c101", text: "/jointwork level purple", want: []string{"not a level or a complexity"}},
		{name: "too many words", as: "bea", where: "c101", text: "/jointwork level high now", want: []string{"takes fewer words"}},
		{name: "outsider", as: "eve", where: "c101", text: "/jointwork level", want: []string{"Only members"}},
		{name: "set", as: "bea", where: "c101", text: "/jointwork level co-ordination", written: true, want: []string{"to coordination (tac.level.coordination)", "Level: coordination"},
			check: func(t *testing.T, e *env) {
				if lv := e.caseOf("c101").Level; lv != "coordination" {
					t.Errorf("level = %q", lv)
				}
			}},
		{name: "set again", as: "alex", where: "c101", text: "/jointwork level coordination", want: []string{"already coordination"}},
	})
}
