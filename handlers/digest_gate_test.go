package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// A daily digest lists only the pings the disclosure policy still admits:
// pings kept for the digest about a case whose basis no longer admits them
// (here a withdrawal written without the re-application, so their chains
// are still open) are left out, their chains ended and recorded.
func TestDigestLeavesOutWhatThePolicyRefuses(t *testing.T) {
	for _, tc := range []struct {
		name     string
		withdraw bool
		want     string
	}{
		{"admitted", false, "[DM @dana] Daily digest: 2 waiting for you"},
		{"basis withdrawn", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := escEnv(t)
			e.dm("dana", "/jointwork escalations digest on")
			e.in("c101", "alex", "/jointwork request @chris +2d Joint visit")
			e.in("c101", "alex", "/jointwork request @chris +2d Second visit")
			e.due(3 * escDay)    // Thu 09:00: chris pinged twice
			e.due(4 * time.Hour) // 13:00: dana's two pings kept for the digest
			if tc.withdraw {
				err := e.app.Store.Update(e.ctx, "c101", func(tx *state.Tx) error { tx.Case.Consent.Withdrawn = true; return nil })
				if err != nil {
					t.Fatal(err)
				}
			}
			out := e.due(20 * time.Hour) // Fri 09:00: the digest
			if tc.want != "" && !strings.Contains(out, tc.want) {
				t.Fatalf("digest:\n%s", out)
			}
			if tc.want == "" && strings.Contains(out, "[DM @dana]") {
				t.Fatalf("dana got case pings the policy refuses:\n%s", out)
			}
			withheld := strings.Count(e.timeline("c101"), "Action:escalation.withheld ")
			if want := map[bool]int{false: 0, true: 2}[tc.withdraw]; withheld != want {
				t.Errorf("withheld entries = %d, want %d:\n%s", withheld, want, e.timeline("c101"))
			}
		})
	}
}
