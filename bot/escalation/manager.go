package escalation

import (
	"context"

	"github.com/jointwork/jointwork/bot/state"
)

// maxAbove bounds the list of pings that went above a person.
const maxAbove = 20

// Above returns handle's pings that went to the next level and are not
// settled there yet, newest first.
func (p *Policy) Above(ctx context.Context, handle string) ([]*Record, error) {
	return p.Store.EscalatedFrom(ctx, handle, maxAbove)
}

// tellAboveSnooze tells the manager of the person snoozing r a third time,
// with their reason (a notice: it goes no higher).
func (p *Policy) tellAboveSnooze(tx *state.Tx, r *Record, by, reason string) {
	mgr, ok := p.Directory.Manager(by)
	if !ok {
		return
	}
	chain := r.Chain + ":snoozed:" + r.ID
	p.start(tx, chain, tx.Now(), trigger{Reason: ReasonSnoozedAgain, Source: r.ID, Origin: by,
		To: mgr.Handle, Notice: true, By: by, Text: reason})
}
