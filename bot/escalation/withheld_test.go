package escalation_test

import (
	"slices"
	"testing"

	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
)

// A ping about someone who is no longer on the case when it falls due is
// not sent: the disclosure check at delivery withholds it, ends the chain
// (no manager after them) and records that on the timeline. Here the case
// is changed directly, as a stale chain would find it.
func TestPingWithheldAboutFormerMember(t *testing.T) {
	for _, tc := range []struct {
		name      string
		change    func(c *state.Case)
		wantPings []string
	}{
		{"member still on the case", func(*state.Case) {}, []string{"chris", "dana"}},
		// Off the member list but still holding R1, admitted by the basis:
		// pings about his own request still reach him and his manager.
		{"member off the list, request holder", func(c *state.Case) { delete(c.Members, "chris") }, []string{"chris", "dana"}},
		{"decision now refused", func(c *state.Case) { c.Consent.Decision = "not_permitted" }, nil},
		{"consent withdrawn", func(c *state.Case) { c.Consent.Withdrawn = true }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			w.openCase("c101")
			w.sendRequest("c101", "R1", "alex", "chris", "+2d")
			w.update("c101", func(tx *state.Tx, _ *escalation.Policy) { tc.change(tx.Case) })
			w.advance(3 * day) // chris pinged (working hours)
			w.advance(day)     // a working day on from the send: dana
			w.wantPings(tc.wantPings...)
			withheld := slices.Contains(w.actions("c101", escalation.ActionWithheld), escalation.ActionWithheld)
			if withheld != (tc.wantPings == nil) {
				t.Errorf("timeline has withheld = %v, want %v", withheld, tc.wantPings == nil)
			}
			if tc.wantPings == nil {
				w.advance(10 * day)
				w.wantPings()
			}
		})
	}
}
