package state

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// PutEscalation writes r and its indexes in the transaction: the record
// hash, the person's waiting list (oldest first by raise time), the chain's
// set, the case's chains and the global item index.
func (tx *Tx) PutEscalation(r *Escalation) {
	s := tx.s
	f := r.fields()
	tx.IndexItem(r.ID)
	tx.stage(func(ctx context.Context, pl redis.Pipeliner) {
		pl.HSet(ctx, s.escRecordKey(r.ID), f)
		if r.Waiting() {
			pl.ZAdd(ctx, s.escOpenKey(r.To), redis.Z{Score: float64(r.At.UnixMilli()), Member: r.ID})
		} else {
			pl.ZRem(ctx, s.escOpenKey(r.To), r.ID)
		}
		pl.SAdd(ctx, s.escChainKey(r.Chain), r.ID)
	})
	tx.LinkEscalationChain(r.Chain)
	c := *r
	tx.escs = append(tx.escs, &c)
}

// SetEscalationStatus changes the status of a stored ping.
func (tx *Tx) SetEscalationStatus(r *Escalation, status string) {
	tx.setEscalation(r, status, nil)
}

// AckEscalation marks a stored ping acknowledged by handle at t (clearing
// any snooze).
func (tx *Tx) AckEscalation(r *Escalation, handle string, t time.Time) {
	tx.setEscalation(r, EscalationAcked, map[string]any{fAckBy: handle, fAckAt: msText(t), fUntil: ""})
}

// SnoozeEscalation marks a stored ping snoozed until t.
func (tx *Tx) SnoozeEscalation(r *Escalation, until time.Time) {
	tx.setEscalation(r, EscalationSnoozed, map[string]any{fUntil: msText(until)})
}

// MarkEscalationSent records that ping id went out at t.
func (tx *Tx) MarkEscalationSent(id string, t time.Time) {
	key := tx.s.escRecordKey(id)
	tx.stage(func(ctx context.Context, p redis.Pipeliner) {
		p.HSet(ctx, key, fSentAt, msText(t))
		p.HIncrBy(ctx, key, fSends, 1)
	})
}

func (tx *Tx) setEscalation(r *Escalation, status string, more map[string]any) {
	s := tx.s
	f := map[string]any{fStatus: status}
	for key, v := range more {
		f[key] = v
	}
	tx.stage(func(ctx context.Context, pl redis.Pipeliner) {
		pl.HSet(ctx, s.escRecordKey(r.ID), f)
		if status == EscalationOpen || status == EscalationSnoozed {
			pl.ZAdd(ctx, s.escOpenKey(r.To), redis.Z{Score: float64(r.At.UnixMilli()), Member: r.ID})
		} else {
			pl.ZRem(ctx, s.escOpenKey(r.To), r.ID)
		}
		if status == EscalationEscalated {
			pl.ZAdd(ctx, s.escAboveKey(r.To), redis.Z{Score: float64(r.At.UnixMilli()), Member: r.ID})
		}
	})
}

// LinkEscalationChain remembers that chain belongs to the case (for closing).
func (tx *Tx) LinkEscalationChain(chain string) {
	key := tx.s.escCaseKey(tx.Case.Ref)
	tx.linked = append(tx.linked, chain)
	tx.stage(func(ctx context.Context, pl redis.Pipeliner) { pl.SAdd(ctx, key, chain) })
}

// ResolveEscalations gives every waiting or escalated ping of the chains
// the status, in the same transaction.
func (tx *Tx) ResolveEscalations(status string, chains []string) {
	tx.resolveEscalations(status, "", chains)
}

// CloseEscalations closes every waiting or escalated ping of the case.
func (tx *Tx) CloseEscalations() {
	tx.resolveEscalations(EscalationClosed, tx.s.escCaseKey(tx.Case.Ref), nil)
}
