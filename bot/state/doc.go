// Package state keeps jointwork's conversation and case state in Redis.
//
// Every key lives under a configurable prefix (default "jw"; "{jw}" on a
// Cluster, see below). The keys of one case share the hash tag {case:REF}:
//
//	jw:{case:REF}:case      JSON document of the case (Case)
//	jw:{case:REF}:tasks     hash task id → JSON (Task)
//	jw:{case:REF}:requests  hash request id → JSON (Request)
//	jw:{case:REF}:timeline  Stream, one entry per recorded event (Entry)
//	jw:{case:REF}:seq:<kind> per-case id counter (T, R), taken in Update (seq.go)
//	jw:{case:REF}:intent    JSON OpenIntent: the channel an unfinished case open made (deleted by CreateCase)
//
// Global keys:
//
//	jw:idx:channel:<id>        channel id → case ref
//	jw:idx:item:<ID>           id → case ref: IndexItem, and global ids stored before per-case ids (read only)
//	jw:idx:user:<handle>:items set of open items involving that person, "REF/ID" (a bare ID is from before per-case ids)
//	jw:idx:user:<handle>:cases set of case refs where the person is lead, delegate or member
//	jw:seq:<kind>              INCR counter behind Store.NewID (global ids: escalations E, concerns W)
//	jw:seen:<key>              idempotency marker (SET NX EX)
//	jw:done:<event>            done marker of a platform event, written in the
//	                           transaction of its change (WithEvent, BeginEvent)
//	jw:run:<event>             the run holding an event (BeginEvent, EventLease)
//	jw:reply:<event>           reply journal: "-" committed, replies not kept yet; the kept
//	                           replies; "+" sent (replies.go)
//	jw:dialog:<key>            JSON dialog progress with a TTL
//	jw:sched:due               zset item id → due time (unix ms)
//	jw:sched:items             hash item id → JSON (Item)
//	jw:sched:lease             zset item id → lease expiry (unix ms)
//	jw:sched:claim:<id>        fencing token of the current claim on an item
//	                           (declared to the claim script; see below)
//	jw:sched:dead              list of JSON dead letters (DeadItem)
//	jw:inbox                   Stream of verified platform requests, consumer group "workers" (inbox.go)
//	jw:inbox:dead              Stream of inbox entries that failed too often or had no handler
//	jw:console:seq:<counter>   INCR counters of the console's ids (events, channels, messages)
//	jw:console:channels        hash channel id → JSON simulated console channel
//
// Escalation pings (escalation.go):
//
//	jw:esc:rec:<id>            hash of one ping (Escalation)
//	jw:esc:open:<handle>       zset ping id → raise time (unix ms), the pings waiting for a person
//	jw:esc:chain:<chain>       set of the ping ids of one escalation chain
//	jw:esc:case:<ref>          set of the chains of a case (closed with it)
//	jw:esc:above:<handle>      zset ping id → raise time: a person's pings that went to the next level
//	jw:esc:digest              set of the handles who get one daily digest instead of each ping
//
// Concerns (concern.go):
//
//	jw:concern:<id>            JSON concern about a practitioner (Concern), never on a timeline
//
// Answers and feedback (feedback.go):
//
//	jw:feedback:counts         hash "rule|band|up|down" → count of 👍/👎 (no text, no user)
//	jw:feedback:text:<id>      JSON question kept with its vote (FeedbackText), only text that
//	                           passed bot/privacy.CheckText, with a TTL (JOINTWORK_FEEDBACK_TEXT_TTL)
//	jw:ask:last:<handle>       JSON last answer given to a person (LastAnswer), with a TTL
//
// Retention and access (audit.go, purge.go):
//
//	jw:audit                   Stream of admin actions: purges (tombstones: ref, closed, purged, by,
//	                           reason code; no content), admin exports, concern purges
//
// PurgeCase removes, in one transaction, everything of one case: the four
// {case:REF} keys, jw:idx:channel:<channel>, jw:idx:item:<id> of its tasks,
// requests and pings, its ids and ref in jw:idx:user:<handle>:items and
// :cases, jw:esc:case:<ref>, jw:esc:chain:*, jw:esc:rec:* and its entries in
// jw:esc:open:<handle>, its schedule items (jw:sched:*), open dialogs about it
// or in its channel, and jw:teams:chan / jw:teams:convref:conv of its channel.
//
// Platform adapters' values (adapters.go, Value and SetValues):
//
//	jw:slack:user:<id>         Slack user id → handle ("-" = not in the directory), cached
//	jw:slack:handle:<handle>   handle → Slack user id ("-" = none), cached
//	jw:slack:dm:<user>         Slack user id → id of the bot's DM with them, cached
//	jw:slack:form:<id>         JSON form behind a "fill in" button, with a TTL
//	jw:teams:user:<id>         Teams user id → handle ("" = unknown), cached
//	jw:teams:aad:<handle>      handle → Entra object id, cached
//	jw:teams:convref:user:<aad> JSON conversation reference of a personal chat
//	jw:teams:convref:conv:<id> JSON conversation reference of a channel or chat
//	jw:teams:serviceurl        the Teams service URL last seen
//	jw:teams:tenant            the tenant last seen
//	jw:teams:catalog           the app's id in the tenant's app catalog
//	jw:teams:chan:<id>         JSON record of how a case conversation was made
//
// Whatever must change together is written in one MULTI/EXEC (Update,
// CreateCase) or one Lua script (ClaimDue, Complete, Retry, DeadLetter),
// index and schedule keys included. Every script declares each key it
// touches in KEYS: ClaimDue first reads the candidate ids (due items and
// expired leases), then passes their claim keys to the script, which
// re-checks every candidate, so a candidate another runner took in between
// is skipped.
//
// The inbox's calls are sent in pipelines shared by concurrent callers
// (inboxbatch.go): appends (XADD) before the ack, and the steps of an
// event's run, each one script (BeginEvent, EndEvent, RepliesSent,
// InboxAck) or one read (CaseByChannel, Dialog). A caller sends at once
// when fewer than four pipelines are in flight, else its call joins the
// next one, so calls arriving together share one round trip and one fsync.
// Every such script is safe to run twice (the client retries one whose
// reply was lost).
//
// # Deployments: single, Sentinel, Cluster
//
// Connect (ConnectMode) takes go-redis' URL forms: a plain URL is one
// server; a master_name parameter means Sentinel (the client asks the
// Sentinels for the primary and follows a failover); addr parameters
// without master_name mean Cluster. JOINTWORK_REDIS_MODE overrides the
// guess (ParseMode).
//
// On a Cluster, a transaction and a script may only touch keys of one hash
// slot, and a case transaction touches the case keys, the global indexes
// and the scheduler together. The store keeps that guarantee by design
// rather than by splitting transactions: New turns the prefix into a hash
// tag ("jw" becomes "{jw}"), so every key of the store — and every adapter
// key made with Key — is in the one slot of the tag. Redis uses the first
// {…} of a key, so the {case:REF} tags then group nothing further. The
// price: one primary of the cluster holds all of jointwork's data, as a
// single server would; the cluster gives failover and lets jointwork share
// a managed cluster, not more write capacity. Spreading cases over slots
// would need the index and schedule writes moved out of the case
// transaction into idempotent per-slot follow-ups recorded in the case slot
// (an outbox replayed on read and at start); that is not done.
//
// Moving data from a single server to a cluster therefore renames every key
// (prefix jw to {jw}); a prefix that already holds a hash tag is kept as
// it is, on every kind of deployment.
//
// Network failures, timeouts and a server that is loading or read-only come
// back wrapped in ErrUnavailable (from every method, adapters' values and
// escalations included), so the bot can say it cannot save right now;
// nothing is half-written because every change is a single transaction.
//
// The store never logs; in particular it never logs personal text.
package state
