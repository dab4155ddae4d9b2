package escalation

import (
	"context"
	"errors"
	"fmt"

	"github.com/jointwork/jointwork/bot/state"
)

// admitted keeps the pings of waiting that a digest may list: each is
// rendered as the ping it stands for (its case, escalation purpose and the
// person it concerns) and checked by Admit, as a ping sent on its own would
// be. A ping refused is left out and its chain ended on the timeline; a
// ping whose case is gone or closed is left out.
func (e *Engine) admitted(ctx context.Context, waiting []*Record) ([]*Record, error) {
	var out []*Record
	for _, r := range waiting {
		cs, err := e.Store.Case(ctx, r.Case)
		if errors.Is(err, state.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("digest: case %s: %w", r.Case, err)
		}
		if cs.Status == state.StatusClosed {
			continue
		}
		if e.opt.Admit != nil {
			m, err := e.message(ctx, r, cs)
			if err != nil {
				return nil, fmt.Errorf("digest: %s: %w", r.ID, err)
			}
			if !e.opt.Admit(ctx, m) {
				e.withheldFromDigest(ctx, r)
				continue
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// withheldFromDigest ends the chain of a ping the disclosure policy no
// longer admits and records it, as withhold does for a ping sent alone.
func (e *Engine) withheldFromDigest(ctx context.Context, r *Record) {
	err := e.Store.Update(ctx, r.Case, func(tx *state.Tx) error {
		e.Policy.end(tx, StatusClosed, r.Chain)
		tx.Log(state.Entry{Action: ActionWithheld, Item: r.ID,
			Detail: "left out of the daily digest: the disclosure policy does not admit it; chain ended", Basis: "disclosure policy"})
		return nil
	})
	if err != nil {
		e.log().Warn("escalation: digest withholding not recorded", "id", r.ID, "case", r.Case, "err", err)
		return
	}
	e.log().Info("escalation: ping left out of a digest by the disclosure policy; chain ended", "id", r.ID, "case", r.Case)
}
