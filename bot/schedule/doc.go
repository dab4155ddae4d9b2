// Package schedule runs timed work (reminders, escalations) from the Redis
// schedule of package state.
//
// Every replica runs a Runner. Each Tick claims due items with one Lua
// script (state.Store.ClaimDue): items whose lease has expired are re-queued
// first, then up to Batch due items move into the lease set, each with a
// fresh fencing token. Exactly one runner holds an item at a time; a runner
// that dies after claiming loses nothing, because its leases expire and the
// items are claimed again. There are no in-memory timers: a restart of the
// bot or of Redis (AOF) keeps every timer.
//
// After the handler returns nil the runner completes the claim (a fenced
// Lua script). A handler error re-queues the item with exponential backoff;
// after MaxAttempts failures it moves to the dead-letter list
// (jw:sched:dead) and is logged by id.
//
// # Exactly once, and the remaining window
//
// Effects inside Redis are exactly once when the handler commits them
// together with the completion of its claim: in a case Update with
// tx.Complete(claim), or with Store.CompleteWith for other keys, taking the
// claim from ClaimFrom(ctx). Both are fenced by the claim token, so a runner
// whose lease was lost (it stalled, or was presumed dead) writes nothing.
//
// Effects outside Redis — a Slack or Teams DM — cannot join that
// transaction. If a runner dies, or its lease runs out, after the platform
// accepted a message but before the completion committed, the item is
// claimed again when the lease expires and the message is sent a second
// time. The window is the time between the send and the commit (one Redis
// round trip). While a handler runs, the runner renews its claim every
// Renew (Lease/3) to now+Lease, fenced by the claim token, so a send that
// outlasts the lease (Retry-After waits) keeps the item and no other
// runner starts it; if a renewal finds the claim lost, the handler's
// context is cancelled. Pings are therefore at-least-once with at most one
// duplicate per crash of the sending replica, never lost.
package schedule
