package handlers_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestAuthorizationMatrix drives every command of the matrix as every role,
// from every place, in every state of a case, each cell on a fresh case,
// and holds the outcome to the rule table (matrix_rules_test.go). The
// harness's recorder checks the disclosure policy on every message of every
// cell, so a message to someone the rule does not admit fails the test.
// With -short it walks every fourth cell.
func TestAuthorizationMatrix(t *testing.T) {
	e := newCastEnv(t)
	other := "m0"
	e.open(other)
	counts := map[string]int{}
	n, cells := 0, 0
	for _, st := range matrixStates {
		for _, c := range matrixCommands {
			for _, role := range matrixRoles {
				for _, place := range matrixPlaces {
					cells++
					if testing.Short() && cells%4 != 0 {
						continue
					}
					n++
					ids := e.setupState(t, n, st)
					as := handle(role)
					want := expect(c, role, place, st)
					got := e.outcome(c, as, e.placeOf(place, as, ids.Ref, other), ids)
					counts[want]++
					if got != want {
						counts["mismatch"]++
						t.Errorf("%s × %s (@%s) × %s × %s: got %s, the rule says %s", c.Name, role, as, place, st, got, want)
					}
				}
			}
		}
	}
	t.Logf("authorization matrix: %d commands × %d roles × %d places × %d states = %d cells; walked %d: %s",
		len(matrixCommands), len(matrixRoles), len(matrixPlaces), len(matrixStates), cells, n, countLine(counts))
}

func countLine(counts map[string]int) string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}
