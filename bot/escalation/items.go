package escalation

import (
	"strconv"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// Scheduler item kinds handled by Engine.Handle.
const (
	// KindPing raises a ping: the first of a chain, the next level, or a
	// reminder after a snooze.
	KindPing = "esc.ping"
	// KindSend delivers a raised ping as a DM.
	KindSend = "esc.send"
	// KindDigest sends a person's daily digest of what waits for them.
	KindDigest = "esc.digest"
)

// Reasons a chain is started for.
const (
	ReasonRequestOverdue    = "request.overdue"
	ReasonRequestDeclined   = "request.declined"
	ReasonTaskOverdue       = "task.overdue"
	ReasonDelayRecorded     = "delay.recorded"
	ReasonAllocationPending = "allocation.pending"
	ReasonConsentWithdrawn  = "consent.withdrawn"
	ReasonSafeguarding      = "consent.safeguarding"
	ReasonBasisNarrowed     = "consent.narrowed"
	ReasonEscalated         = "escalated"
	ReasonBestInterest      = "consent.best-interest"
	ReasonSnoozedAgain      = "snoozed.again"
)

// BasisSafeguarding is the consent basis that lets joint work go ahead
// without consent (rules.Decide's basis for a safeguarding enquiry).
const BasisSafeguarding = "safeguarding_enquiry"

// Timeline actions written by this package.
const (
	ActionScheduled    = "escalation.scheduled"
	ActionRequested    = "escalation.requested"
	ActionSent         = "escalation.sent"
	ActionEscalated    = "escalation.escalated"
	ActionReminded     = "escalation.reminded"
	ActionAcknowledged = "escalation.acknowledged"
	ActionSnoozed      = "escalation.snoozed"
	ActionUnrouted     = "escalation.unrouted"
	ActionWithheld     = "escalation.withheld"
	ActionQueued       = "escalation.queued"
)

// Item data keys.
const (
	dataChain    = "chain"
	dataReason   = "reason"
	dataSource   = "source"
	dataOrigin   = "origin"
	dataLevel    = "level"
	dataPrev     = "prev"
	dataRemind   = "remind"
	dataTo       = "to"
	dataNotice   = "notice"
	dataBy       = "by"
	dataText     = "text"
	dataID       = "id"
	dataDecision = "decision"
	dataUntil    = "until"
	dataAt       = "at"
	dataThread   = "thread"
)

// trigger is what a KindPing item carries.
type trigger struct {
	ID     string // record id to use (escalate); "" = a new one
	Chain  string
	Reason string
	Source string // R7, T3 or ""
	Origin string // the person the chain starts from (level 0)
	Level  int    // level of the ping raised: 0 = Origin, 1 = Origin's manager, …
	Prev   string // the unacknowledged ping this one escalates
	Remind string // the snoozed ping to send again
	To     string // a fixed person (the safeguarding lead)
	Notice bool   // never escalated further
	By     string // who caused it
	Text   string // the words of /jointwork escalate
	Extra  map[string]string
}

var triggerKeys = map[string]bool{
	dataID: true, dataChain: true, dataReason: true, dataSource: true, dataOrigin: true,
	dataLevel: true, dataPrev: true, dataRemind: true, dataTo: true, dataNotice: true,
	dataBy: true, dataText: true,
}

func (t trigger) data() map[string]string {
	d := map[string]string{}
	for k, v := range t.Extra {
		if v != "" {
			d[k] = v
		}
	}
	for k, v := range map[string]string{
		dataID: t.ID, dataChain: t.Chain, dataReason: t.Reason, dataSource: t.Source,
		dataOrigin: t.Origin, dataPrev: t.Prev, dataRemind: t.Remind, dataTo: t.To,
		dataBy: t.By, dataText: t.Text,
	} {
		if v != "" {
			d[k] = v
		}
	}
	d[dataLevel] = strconv.Itoa(t.Level)
	if t.Notice {
		d[dataNotice] = "1"
	}
	return d
}

func triggerOf(d map[string]string) trigger {
	t := trigger{ID: d[dataID], Chain: d[dataChain], Reason: d[dataReason], Source: d[dataSource],
		Origin: d[dataOrigin], Prev: d[dataPrev], Remind: d[dataRemind], To: d[dataTo],
		Notice: d[dataNotice] == "1", By: d[dataBy], Text: d[dataText], Extra: map[string]string{}}
	t.Level, _ = strconv.Atoi(d[dataLevel])
	for k, v := range d {
		if !triggerKeys[k] {
			t.Extra[k] = v
		}
	}
	return t
}

// Chains of tasks and requests carry the case: their ids are per case.
// Chains scheduled before per-case ids ("req:R7:due") still fire, and
// stillDue ends them once their item is answered or done.
func requestChain(ref, id string) string { return "req:" + ref + ":" + id + ":due" }
func declineChain(ref, id string) string { return "req:" + ref + ":" + id + ":declined" }
func taskChain(ref, id string) string    { return "task:" + ref + ":" + id + ":due" }
func leadChain(ref, id string) string    { return "task:" + ref + ":" + id + ":lead" }
func allocationChain(ref string) string  { return "alloc:" + ref }
func nextID(chain string) string         { return chain + ":next" }
func sendID(id string) string            { return id + ":send" }

// start schedules the first ping of chain at due, in tx.
func (p *Policy) start(tx *state.Tx, chain string, due time.Time, t trigger) {
	t.Chain = chain
	tx.Unschedule(nextID(chain))
	tx.Schedule(state.Item{ID: chain, Kind: KindPing, Case: tx.Case.Ref, Due: due, Data: t.data()})
	tx.LinkEscalationChain(chain)
}

// end unschedules chains and marks their open pings with status.
func (p *Policy) end(tx *state.Tx, status string, chains ...string) {
	for _, c := range chains {
		tx.Unschedule(c)
		tx.Unschedule(nextID(c))
	}
	tx.ResolveEscalations(status, chains)
}

// endCase resolves every ping of the case.
func (p *Policy) endCase(tx *state.Tx) {
	tx.CloseEscalations()
}

// stampOf is a delay decision's time as a trigger's data keeps it.
func stampOf(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// stampTime reads stampOf back: the zero time when absent or unreadable.
func stampTime(s string) (t time.Time) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n != 0 {
		t = time.UnixMilli(n)
	}
	return t
}
