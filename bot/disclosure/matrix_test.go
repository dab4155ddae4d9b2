package disclosure

import (
	"fmt"
	"strings"
	"testing"
)

func TestMatrix(t *testing.T) {
	cells := Matrix()
	if want := len(MatrixRoles) * len(MatrixStates) * len(MatrixPurposes); len(cells) != want {
		t.Fatalf("matrix has %d cells, want %d", len(cells), want)
	}
	for _, c := range cells {
		got := Check(c.Case, c.To, c.P)
		if got.Allowed != c.Want {
			t.Errorf("%s: %s, rule table says allowed=%v", c.Name(), got, c.Want)
		}
		if got.Reason == "" {
			t.Errorf("%s: no reason code", c.Name())
		}
	}
}

// TestMatrixCounts prints the matrix size and its outcome counts per state
// and per purpose (go test -v -run TestMatrixCounts ./bot/disclosure/).
func TestMatrixCounts(t *testing.T) {
	byState := map[string][2]int{}
	byPurpose := map[string][2]int{}
	reasons := map[Reason]int{}
	allowed := 0
	cells := Matrix()
	for _, c := range cells {
		d := Check(c.Case, c.To, c.P)
		i := 0
		if d.Allowed {
			i, allowed = 1, allowed+1
		}
		s, p := byState[c.State], byPurpose[c.Purpose]
		s[i]++
		p[i]++
		byState[c.State], byPurpose[c.Purpose] = s, p
		reasons[d.Reason]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "matrix: %d roles × %d states × %d purposes = %d cells: %d allowed, %d refused\n",
		len(MatrixRoles), len(MatrixStates), len(MatrixPurposes), len(cells), allowed, len(cells)-allowed)
	for _, s := range MatrixStates {
		fmt.Fprintf(&b, "  state %-40s allowed %3d refused %3d\n", s, byState[s][1], byState[s][0])
	}
	for _, p := range MatrixPurposes {
		fmt.Fprintf(&b, "  purpose %-45s allowed %3d refused %3d\n", p, byPurpose[p][1], byPurpose[p][0])
	}
	t.Log(b.String())
	t.Logf("reasons: %v", reasons)
	if allowed == 0 || allowed == len(cells) {
		t.Fatalf("a matrix that is all one outcome tests nothing: %d of %d allowed", allowed, len(cells))
	}
	// The closed state discloses nothing but notices and the lead's record.
	if got := byState[StateClosed][1]; got != 7 {
		t.Errorf("closed case allows %d cells, want 7 (6 notices and the lead's record)", got)
	}
}

// TestRuleTableCoversEveryAxis guards the table against typos: every role,
// state and purpose it names exists.
func TestRuleTableCoversEveryAxis(t *testing.T) {
	known := map[string]bool{}
	for _, l := range [][]string{MatrixRoles, MatrixStates, MatrixPurposes} {
		for _, s := range l {
			known[s] = true
		}
	}
	for _, r := range ruleTable {
		for _, l := range [][]string{r.Roles, r.States, r.Purposes} {
			if len(l) == 0 {
				t.Errorf("rule %q has an empty axis", r.Why)
			}
			for _, s := range l {
				if !known[s] {
					t.Errorf("rule %q names unknown %q", r.Why, s)
				}
			}
		}
	}
	for _, p := range MatrixPurposes {
		if MatrixPurpose(p).Kind == KindUnknown {
			t.Errorf("purpose %q maps to no kind", p)
		}
	}
}
