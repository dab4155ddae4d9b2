// Package state keeps jointwork's conversation and case state in Redis.
//
// Every key lives under a configurable prefix (default "jw"). The keys of one
// case share the hash tag {case:REF} so they stay in one Redis Cluster slot:
//
//	jw:{case:REF}:case      JSON document of the case (Case)
//	jw:{case:REF}:tasks     hash task id → JSON (Task)
//	jw:{case:REF}:requests  hash request id → JSON (Request)
//	jw:{case:REF}:timeline  Stream, one entry per recorded event (Entry)
//
// Global keys:
//
//	jw:idx:channel:<id>        channel id → case ref
//	jw:idx:item:<ID>           global item id (T12, R7, E3) → case ref
//	jw:idx:user:<handle>:items set of open item ids involving that person
//	jw:idx:user:<handle>:cases set of case refs where the person is lead, delegate or member
//	jw:seq:<kind>              INCR counter behind NewID
//	jw:seen:<key>              idempotency marker (SET NX EX)
//	jw:dialog:<key>            JSON dialog progress with a TTL
//	jw:sched:due               zset item id → due time (unix ms)
//	jw:sched:items             hash item id → JSON (Item)
//	jw:sched:lease             zset item id → lease expiry (unix ms)
//	jw:sched:claim:<id>        fencing token of the current claim on an item
//	jw:sched:dead              list of JSON dead letters (DeadItem)
//
// The deployment is a single Redis primary. Whatever must change together is
// written in one MULTI/EXEC (Update, CreateCase) or one Lua script (ClaimDue,
// Complete, Retry, DeadLetter), index and schedule keys included. The claim
// scripts build the per-item claim key names inside the script, which is fine
// on a single primary but not on Redis Cluster.
//
// Network failures, timeouts and a server that is loading or read-only come
// back wrapped in ErrUnavailable, so the bot can say it cannot save right now;
// nothing is half-written because every change is a single transaction.
//
// The store never logs; in particular it never logs personal text.
package state
