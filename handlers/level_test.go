package handlers_test

import (
	"strings"
	"testing"
)

func TestLevel(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris wound care")
	e.play(t, []step{
		{name: "asks the complexity, assumes nothing", as: "bea", where: "c101", text: "/jointwork level",
			want:    []string{"how complex are the person's needs?", "won't assume they are low", "[Low] /jointwork level low", "[High] /jointwork level high", "at least service co-ordination"},
			notWant: []string{"Suggested level"}},
		{name: "advice with complexity", as: "bea", where: "c101", text: "/jointwork level high",
			want: []string{"Suggested level for case c101 (high complexity): collaborative teamwork (level 3)", "How will the person (and any carer) take part",
				"Review the level at transitions", "in a crisis", "[Set level teamwork]", "[Answer the matrix questions] /jointwork level matrix",
				"[Ask members whom they represent] /jointwork level identity", "Guidance, not legal advice"},
			notWant: []string{"young person"}},
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

// Advice text is at most five lines; level 1 "might" be enough; a child
// case gets child wording and asks how the young person and parents take part.
func TestLevelAdviceWording(t *testing.T) {
	e := newEnv(t)
	e.open("c101")
	if out := e.dm("alex", "/jointwork case open c201 subject=child School transition"); !strings.Contains(out, "is open") {
		t.Fatal(out)
	}
	tests := []struct {
		ref, word string
		want      []string
		notWant   []string
	}{
		{"c101", "low", []string{"liaison and networking (level 1)", "Liaison might be enough", "the person and any carer"}, []string{"no more joining up is needed"}},
		{"c201", "low", []string{"Liaison might be enough", "the child or young person and their family"}, []string{"the person and any carer"}},
		{"c201", "high", []string{"How will the young person and their parents take part"}, []string{"the person (and any carer)"}},
		{"c201", "moderate", []string{"Review the level at transitions"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.ref+"/"+tt.word, func(t *testing.T) {
			out := e.in(tt.ref, "alex", "/jointwork level "+tt.word)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("has %q in:\n%s", w, out)
				}
			}
			lines := 0
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "[#jw-"+tt.ref+"] ") && !strings.HasPrefix(l, "[#jw-"+tt.ref+"]   ") {
					lines++
				}
			}
			if lines > 5 {
				t.Errorf("advice is %d lines, want at most 5:\n%s", lines, out)
			}
		})
	}
}

func TestLevelMatrixAndIdentity(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.play(t, []step{
		{name: "the questions", as: "bea", where: "c101", text: "/jointwork level matrix",
			want: []string{"Whom should I be liaising and networking with now?", "[Liaise with…] /jointwork level matrix liaise= WHO…", "Whom should I be collaborating closely with?"}},
		{name: "answers kept on the timeline", as: "bea", where: "c101", text: "/jointwork level matrix liaise=GP and pharmacist coordinate=district_nurse collaborate= OT", written: true,
			want: []string{"liaise with: GP and pharmacist; co-ordinate with: district nurse; collaborate with: OT"},
			check: func(t *testing.T, e *env) {
				tl, err := e.app.Store.Timeline(e.ctx, "c101")
				if err != nil {
					t.Fatal(err)
				}
				last := tl[len(tl)-1]
				if last.Action != "matrix answered" || last.Basis != "tac.matrix" || last.Actor != "bea" || !strings.Contains(last.Detail, "collaborate with: OT") {
					t.Errorf("timeline entry = %+v", last)
				}
			}},
		{name: "one answer", as: "bea", where: "c101", text: "/jointwork level matrix collaborate=the OT and the physio", written: true, want: []string{"collaborate with: the OT and the physio"}},
		{name: "no key", as: "bea", where: "c101", text: "/jointwork level matrix the GP", want: []string{"Answer as liaise=WHO"}},
		{name: "empty answer", as: "bea", where: "c101", text: "/jointwork level matrix liaise=", want: []string{"Please add whom"}},
		{name: "personal data refused", as: "bea", where: "c101", text: "/jointwork level matrix liaise=Mrs Smith's daughter", want: []string{"seems to hold a person's name", "Nothing was saved"}},
		{name: "identity", as: "bea", where: "c101", text: "/jointwork level identity", want: []string{"[#jw-c101] @bea asks every member of case c101", "whom you speak for", "Rule tac.identity"}},
	})
}
