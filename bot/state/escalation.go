package state

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Statuses of an escalation ping.
const (
	EscalationOpen      = "open"      // waiting for its person
	EscalationSnoozed   = "snoozed"   // put off until Until
	EscalationAcked     = "acked"     // acknowledged: the chain stops
	EscalationEscalated = "escalated" // not acknowledged in time: went to the next level
	EscalationResolved  = "resolved"  // the request was answered or the task done
	EscalationClosed    = "closed"    // the case was closed
)

// ErrNoEscalation means there is no ping with that id.
var ErrNoEscalation = errors.New("escalation: no such ping")

// Escalation is one ping: who was pinged, why, at which level of the chain
// and what became of it. Stored as a hash under jw:esc:rec:ID.
type Escalation struct {
	ID     string
	Chain  string
	Case   string
	Reason string
	Source string // R7, T3 or ""
	Origin string // the person the chain started from
	Prev   string // the ping this one escalates ("" for a chain's first)
	To     string // who was pinged
	Level  int
	Notice bool
	Status string
	By     string // who caused it (decline, delay, escalate)
	Text   string // the words of /jointwork escalate
	Due    time.Time
	At     time.Time // raised
	SentAt time.Time
	Sends  int
	AckBy  string
	AckAt  time.Time
	Until  time.Time // snoozed until
	Extra  map[string]string
}

// Waiting reports whether the ping still waits for its person.
func (r *Escalation) Waiting() bool {
	return r.Status == EscalationOpen || r.Status == EscalationSnoozed
}

func (s *Store) escPrefix() string               { return s.Key("esc") + ":" }
func (s *Store) escRecordKey(id string) string   { return s.escPrefix() + "rec:" + id }
func (s *Store) escOpenKey(handle string) string { return s.escPrefix() + "open:" + handle }
func (s *Store) escChainKey(chain string) string { return s.escPrefix() + "chain:" + chain }
func (s *Store) escCaseKey(ref string) string    { return s.escPrefix() + "case:" + ref }
func (s *Store) escAboveKey(h string) string     { return s.escPrefix() + "above:" + h }

// Record fields in the hash.
const (
	fChain, fCase, fReason, fSource, fOrigin = "chain", "case", "reason", "source", "origin"
	fTo, fLevel, fNotice, fStatus, fBy       = "to", "level", "notice", "status", "by"
	fText, fDue, fAt, fSentAt, fSends        = "text", "due", "at", "sentAt", "sends"
	fAckBy, fAckAt, fUntil, fPrev            = "ackBy", "ackAt", "until", "prev"
	extraPrefix                              = "x."
)

func msText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.UnixMilli(), 10)
}

func msTime(s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n)
}

// fields encodes r as hash fields (empty values left out).
func (r *Escalation) fields() map[string]any {
	f := map[string]any{}
	put := func(k, v string) {
		if v != "" {
			f[k] = v
		}
	}
	for k, v := range map[string]string{
		fChain: r.Chain, fCase: r.Case, fReason: r.Reason, fSource: r.Source, fOrigin: r.Origin,
		fTo: r.To, fStatus: r.Status, fBy: r.By, fText: r.Text, fDue: msText(r.Due),
		fAt: msText(r.At), fSentAt: msText(r.SentAt), fAckBy: r.AckBy, fAckAt: msText(r.AckAt),
		fUntil: msText(r.Until), fPrev: r.Prev,
	} {
		put(k, v)
	}
	f[fLevel] = strconv.Itoa(r.Level)
	f[fSends] = strconv.Itoa(r.Sends)
	if r.Notice {
		f[fNotice] = "1"
	}
	for k, v := range r.Extra {
		put(extraPrefix+k, v)
	}
	return f
}

// decodeEscalation reads a record from its hash fields.
func decodeEscalation(id string, h map[string]string) *Escalation {
	r := &Escalation{ID: id, Chain: h[fChain], Case: h[fCase], Reason: h[fReason], Source: h[fSource],
		Origin: h[fOrigin], Prev: h[fPrev], To: h[fTo], Notice: h[fNotice] == "1", Status: h[fStatus], By: h[fBy],
		Text: h[fText], Due: msTime(h[fDue]), At: msTime(h[fAt]), SentAt: msTime(h[fSentAt]),
		AckBy: h[fAckBy], AckAt: msTime(h[fAckAt]), Until: msTime(h[fUntil]), Extra: map[string]string{}}
	r.Level, _ = strconv.Atoi(h[fLevel])
	r.Sends, _ = strconv.Atoi(h[fSends])
	for k, v := range h {
		if len(k) > len(extraPrefix) && k[:len(extraPrefix)] == extraPrefix {
			r.Extra[k[len(extraPrefix):]] = v
		}
	}
	return r
}

// Escalation returns ping id, or an error wrapping ErrNoEscalation.
func (s *Store) Escalation(ctx context.Context, id string) (*Escalation, error) {
	h, err := s.rdb.HGetAll(ctx, s.escRecordKey(id)).Result()
	if err != nil {
		return nil, wrap("read escalation "+id, err)
	}
	if len(h) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoEscalation, id)
	}
	return decodeEscalation(id, h), nil
}

// WaitingEscalations returns up to max pings waiting for handle (open or
// snoozed), oldest first.
func (s *Store) WaitingEscalations(ctx context.Context, handle string, max int) ([]*Escalation, error) {
	ids, err := s.rdb.ZRange(ctx, s.escOpenKey(handle), 0, int64(max)-1).Result()
	if err != nil {
		return nil, wrap("escalations waiting for "+handle, err)
	}
	return s.escalationsWhere(ctx, ids, make([]*Escalation, 0, len(ids)), (*Escalation).Waiting)
}

// EscalatedFrom returns up to max of handle's pings that went to the next
// level and are still unsettled there (status escalated), newest first.
func (s *Store) EscalatedFrom(ctx context.Context, handle string, max int) ([]*Escalation, error) {
	ids, err := s.rdb.ZRevRange(ctx, s.escAboveKey(handle), 0, int64(max)-1).Result()
	if err != nil {
		return nil, wrap("escalations gone above "+handle, err)
	}
	return s.escalationsWhere(ctx, ids, nil, func(r *Escalation) bool { return r.Status == EscalationEscalated })
}

// escalationsWhere appends to out the records of ids that keep admits, in
// order; an id whose record is gone is skipped.
func (s *Store) escalationsWhere(ctx context.Context, ids []string, out []*Escalation, keep func(*Escalation) bool) ([]*Escalation, error) {
	for _, id := range ids {
		r, err := s.Escalation(ctx, id)
		if errors.Is(err, ErrNoEscalation) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if keep(r) {
			out = append(out, r)
		}
	}
	return out, nil
}
