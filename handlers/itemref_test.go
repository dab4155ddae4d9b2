package handlers_test

import (
	"strings"
	"testing"
)

// Ids are per case: each case's first task is T1; in a case channel T1 is
// that case's; in a DM "REF T1" names the case, and an ambiguous bare id is
// refused with the way out. A person outside a case gets the same words
// whether the item exists, is someone else's, or the case does not exist.
func TestPerCaseItemIDs(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.permit("c12")
	e.play(t, []step{
		{name: "c101 T1", as: "alex", where: "c101", text: "/jointwork task add @bea +2d Home visit", written: true,
			want: []string{"[#jw-c101] Task T1 for @bea", "[DM @bea]   [Done] /jointwork task done c101 T1"}},
		{name: "c12 T1 too", as: "alex", where: "c12", ref: "c12", text: "/jointwork task add @bea +3d Ring the GP", written: true,
			want: []string{"[#jw-c12] Task T1 for @bea"}},
		{name: "ambiguous in a DM", as: "bea", where: "dm", text: "/jointwork task done T1",
			want: []string{"More than one of your cases has a task T1 (c101, c12)", "`/jointwork task done c101 T1`"}},
		{name: "in c12's channel T1 is c12's", as: "bea", where: "c12", ref: "c12", text: "/jointwork task done T1", written: true,
			want: []string{"Task T1 done (marked by @bea)"}},
		{name: "now unambiguous in a DM", as: "bea", where: "dm", text: "/jointwork task done T1", written: true,
			want: []string{"Task T1 on case c101 is marked done"}},
		{name: "REF T1 form", as: "bea", where: "dm", text: "/jointwork task done c12 T1", ref: "c12",
			want: []string{"Task T1 is already done"}},
	})
	if tk := e.task("c12", "T1"); tk.Open() {
		t.Errorf("c12 T1 still open: %+v", tk)
	}
	// One answer for every way of not being able to see an item.
	var answers []string
	for _, line := range []string{"task done T1", "task done c101 T1", "task done c12 T1", "task done c999 T1", "task done T7", "task done c101 T7"} {
		out := e.dm("eve", "/jointwork "+line)
		for _, leak := range []string{"c101", "c12", "alex", "bea", "belongs", "already"} {
			if strings.Contains(strings.ReplaceAll(out, line, ""), leak) {
				t.Errorf("%q told a stranger %q:\n%s", line, leak, out)
			}
		}
		answers = append(answers, strings.NewReplacer("T7", "T1", "c999", "c101", "c12", "c101").Replace(out))
	}
	for i, a := range answers {
		if a != answers[0] {
			t.Errorf("answer %d differs from the first:\n%s\n---\n%s", i, a, answers[0])
		}
	}
}

// A request recipient outside the case answers from a DM with REF R1 (the
// button's form); nobody else can, and the refusal is the not-found one.
func TestRequestAnswerByRef(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork request @chris +3d Joint visit")
	e.play(t, []step{
		{name: "not the recipient", as: "eve", where: "dm", text: "/jointwork request accept c101 R1",
			want: []string{"I can't find request R1 among your cases"}, notWant: []string{"@chris", "sent to"}},
		{name: "member but not recipient", as: "bea", where: "dm", text: "/jointwork request accept c101 R1",
			want: []string{"I can't find request R1 among your cases"}},
		{name: "decline needs reasons", as: "chris", where: "dm", text: "/jointwork request decline c101 R1",
			want: []string{"A decline needs written reasons", "/jointwork request decline c101 R1 duties|functions REASONS"}},
		{name: "decline with reasons", as: "chris", where: "dm", text: "/jointwork request decline c101 R1 duties No nurse free that week, sorry", written: true,
			want: []string{"Request R1 (case c101) was declined by @chris. Reasons: No nurse free that week, sorry"}},
	})
}
