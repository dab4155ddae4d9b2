package escalation

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot/state"
)

// Statuses of a ping.
const (
	StatusOpen      = "open"      // waiting for its person
	StatusSnoozed   = "snoozed"   // put off until Until
	StatusAcked     = "acked"     // acknowledged: the chain stops
	StatusEscalated = "escalated" // not acknowledged in time: went to the next level
	StatusResolved  = "resolved"  // the request was answered or the task done
	StatusClosed    = "closed"    // the case was closed
)

// ErrNoRecord means there is no ping with that id.
var ErrNoRecord = errors.New("escalation: no such ping")

// Record is one ping: who was pinged, why, at which level of the chain and
// what became of it. Stored as a hash under jw:esc:rec:ID.
type Record struct {
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
func (r *Record) Waiting() bool { return r.Status == StatusOpen || r.Status == StatusSnoozed }

// keys names the escalation keys under the store's prefix.
type keys struct{ prefix string }

func (p *Policy) keys() keys {
	if p.Store != nil {
		return keys{prefix: p.Store.Key("esc") + ":"}
	}
	return keys{prefix: state.DefaultPrefix + ":esc:"}
}

func (k keys) record(id string) string      { return k.prefix + "rec:" + id }
func (k keys) open(handle string) string    { return k.prefix + "open:" + handle }
func (k keys) chain(chain string) string    { return k.prefix + "chain:" + chain }
func (k keys) caseChains(ref string) string { return k.prefix + "case:" + ref }

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
func (r *Record) fields() map[string]any {
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

// decodeRecord reads a record from its hash fields.
func decodeRecord(id string, h map[string]string) *Record {
	r := &Record{ID: id, Chain: h[fChain], Case: h[fCase], Reason: h[fReason], Source: h[fSource],
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

// loadRecord reads ping id, or ErrNoRecord.
func loadRecord(ctx context.Context, rdb redis.Cmdable, k keys, id string) (*Record, error) {
	h, err := rdb.HGetAll(ctx, k.record(id)).Result()
	if err != nil {
		return nil, fmt.Errorf("escalation: read %s: %w", id, err)
	}
	if len(h) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoRecord, id)
	}
	return decodeRecord(id, h), nil
}

// Record returns ping id, or an error wrapping ErrNoRecord.
func (p *Policy) Record(ctx context.Context, id string) (*Record, error) {
	if p.Store == nil {
		return nil, errors.New("escalation: policy has no store")
	}
	return loadRecord(ctx, p.Store.Client(), p.keys(), id)
}

// stageRecord writes r and its indexes in tx: the record hash, the
// person's waiting list (oldest first by raise time), the chain's set and
// the global item index.
func (p *Policy) stageRecord(tx *state.Tx, r *Record) {
	k := p.keys()
	f := r.fields()
	tx.IndexItem(r.ID)
	tx.Stage(func(ctx context.Context, pl redis.Pipeliner) {
		pl.HSet(ctx, k.record(r.ID), f)
		if r.Waiting() {
			pl.ZAdd(ctx, k.open(r.To), redis.Z{Score: float64(r.At.UnixMilli()), Member: r.ID})
		} else {
			pl.ZRem(ctx, k.open(r.To), r.ID)
		}
		pl.SAdd(ctx, k.chain(r.Chain), r.ID)
	})
	p.stageChainOfCase(tx, r.Chain)
}

// stageStatus changes the status (and other fields) of a stored ping in tx.
func (p *Policy) stageStatus(tx *state.Tx, r *Record, status string, more map[string]any) {
	k := p.keys()
	f := map[string]any{fStatus: status}
	for key, v := range more {
		f[key] = v
	}
	tx.Stage(func(ctx context.Context, pl redis.Pipeliner) {
		pl.HSet(ctx, k.record(r.ID), f)
		if status == StatusOpen || status == StatusSnoozed {
			pl.ZAdd(ctx, k.open(r.To), redis.Z{Score: float64(r.At.UnixMilli()), Member: r.ID})
		} else {
			pl.ZRem(ctx, k.open(r.To), r.ID)
		}
	})
}

// stageChainOfCase remembers that chain belongs to the case (for closing).
func (p *Policy) stageChainOfCase(tx *state.Tx, chain string) {
	key := p.keys().caseChains(tx.Case.Ref)
	tx.Stage(func(ctx context.Context, pl redis.Pipeliner) { pl.SAdd(ctx, key, chain) })
}

// resolveScript marks every waiting or escalated ping of the given chains
// (ARGV[4…], plus the members of the set KEYS[1] when given) with status
// ARGV[2] and takes them off their person's waiting list. It runs inside the
// case Update's MULTI, so it reads and writes atomically with the change
// that ends the chains. ARGV[1] is the key prefix "jw:esc:", ARGV[3] the
// time (unix ms). It builds key names itself: fine on a single primary.
var resolveScript = `
local p, status, at = ARGV[1], ARGV[2], ARGV[3]
local chains = {}
for i = 4, #ARGV do chains[#chains + 1] = ARGV[i] end
if #KEYS > 0 then
  for _, c in ipairs(redis.call('SMEMBERS', KEYS[1])) do chains[#chains + 1] = c end
end
local n = 0
for _, c in ipairs(chains) do
  for _, id in ipairs(redis.call('SMEMBERS', p .. 'chain:' .. c)) do
    local rk = p .. 'rec:' .. id
    local st = redis.call('HGET', rk, 'status')
    if st == 'open' or st == 'snoozed' or st == 'escalated' then
      redis.call('HSET', rk, 'status', status, 'closedAt', at)
      local to = redis.call('HGET', rk, 'to')
      if to then redis.call('ZREM', p .. 'open:' .. to, id) end
      n = n + 1
    end
  end
end
return n
`

// stageResolve queues resolveScript in tx for the chains and, when set is
// not "", every chain listed in that set.
func (p *Policy) stageResolve(tx *state.Tx, status, set string, chains []string) {
	if set == "" && len(chains) == 0 {
		return
	}
	var keys []string
	if set != "" {
		keys = []string{set}
	}
	args := []any{p.keys().prefix, status, msText(tx.Now())}
	for _, c := range chains {
		args = append(args, c)
	}
	tx.Stage(func(ctx context.Context, pl redis.Pipeliner) { pl.Eval(ctx, resolveScript, keys, args...) })
}
