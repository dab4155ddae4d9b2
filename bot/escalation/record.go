package escalation

import (
	"github.com/jointwork/jointwork/bot/state"
)

// Statuses of a ping.
const (
	StatusOpen      = state.EscalationOpen      // waiting for its person
	StatusSnoozed   = state.EscalationSnoozed   // put off until Until
	StatusAcked     = state.EscalationAcked     // acknowledged: the chain stops
	StatusEscalated = state.EscalationEscalated // not acknowledged in time: went to the next level
	StatusResolved  = state.EscalationResolved  // the request was answered or the task done
	StatusClosed    = state.EscalationClosed    // the case was closed
)

// ErrNoRecord means there is no ping with that id.
var ErrNoRecord = state.ErrNoEscalation

// Record is one ping: who was pinged, why, at which level of the chain and
// what became of it; bot/state stores it.
type Record = state.Escalation
