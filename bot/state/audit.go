package state

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Audit actions.
const (
	AuditPurge        = "purge"         // a case's keys were removed
	AuditExport       = "export"        // an admin exported a case
	AuditPurgeConcern = "purge-concern" // a concern past its retention was removed
)

// Reason codes of purges done by the retention schedule.
const (
	ReasonRetention = "retention-period-ended"
)

// auditMax bounds the audit stream (about: many years of daily purges).
const auditMax = 1_000_000

// AuditEntry is one line of the admin audit stream (jw:audit): what was
// done to which case or concern, when and by whom, and a reason. It holds no
// case content: a purged case leaves only this tombstone.
type AuditEntry struct {
	ID     string    `json:"id"` // stream id, set by Redis
	Action string    `json:"action"`
	Ref    string    `json:"ref"`              // case reference or concern id
	Closed time.Time `json:"closed,omitzero"`  // when the case was closed
	At     time.Time `json:"at"`               // when the action was done
	By     string    `json:"by"`               // admin handle, or "retention"
	Reason string    `json:"reason,omitempty"` // reason code or an admin's short reason
}

func (s *Store) auditKey() string { return s.Key("audit") }

func (s *Store) queueAudit(ctx context.Context, p redis.Pipeliner, e AuditEntry) {
	vals := []any{"action", e.Action, "ref", e.Ref, "at", strconv.FormatInt(ms(e.At), 10), "by", e.By, "reason", e.Reason}
	if !e.Closed.IsZero() {
		vals = append(vals, "closed", strconv.FormatInt(ms(e.Closed), 10))
	}
	p.XAdd(ctx, &redis.XAddArgs{Stream: s.auditKey(), MaxLen: auditMax, Approx: true, Values: vals})
}

// Audit appends e to the audit stream; At defaults to Now.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { s.queueAudit(ctx, p, e); return nil })
	return wrap("audit", err)
}

// AuditLog returns the last n audit entries, oldest first.
func (s *Store) AuditLog(ctx context.Context, n int) ([]AuditEntry, error) {
	msgs, err := s.rdb.XRevRangeN(ctx, s.auditKey(), "+", "-", int64(n)).Result()
	if err != nil {
		return nil, wrap("audit log", err)
	}
	out := make([]AuditEntry, len(msgs))
	for i, m := range msgs {
		str := func(k string) string { v, _ := m.Values[k].(string); return v }
		e := AuditEntry{ID: m.ID, Action: str("action"), Ref: str("ref"), By: str("by"), Reason: str("reason")}
		if v, err := strconv.ParseInt(str("at"), 10, 64); err == nil {
			e.At = time.UnixMilli(v).UTC()
		}
		if v, err := strconv.ParseInt(str("closed"), 10, 64); err == nil {
			e.Closed = time.UnixMilli(v).UTC()
		}
		out[len(msgs)-1-i] = e
	}
	return out, nil
}
