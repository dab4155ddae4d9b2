package handlers_test

import (
	"strings"
	"testing"
)

// A child case's consent uses the child rules (subject=child, never the
// adult Deputy/LPA or best-interest questions) and shows the law note.
func TestConsentChildCase(t *testing.T) {
	e := newEnv(t)
	if out := e.dm("alex", "/jointwork case open c201 subject=child School transition"); !strings.Contains(out, "is open") {
		t.Fatalf("open: %s", out)
	}
	e.play(t, []step{
		{name: "asks the child facts", ref: "c201", as: "alex", where: "c201", text: "/jointwork consent",
			want: []string{"How old is the child or young person?", "[16 or 17] /jointwork consent age=16-17"}, notWant: []string{"Deputy", "Lasting Power"}},
		{name: "a young person's own consent", ref: "c201", as: "alex", where: "c201", text: "/jointwork consent age=16-17 capacity=yes consent=yes", written: true,
			want:    []string{"Consent decision for case c201: permitted", "Facts: subject=child", "consent.child", "Law: ", "Children Act 1989"},
			notWant: []string{"best interest", "Deputy"}},
	})
	if c := e.caseOf("c201"); c.Consent == nil || !strings.Contains(strings.Join(c.Consent.Facts, " "), "subject=child") {
		t.Errorf("consent recorded = %+v", c.Consent)
	}
}
