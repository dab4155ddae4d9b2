package bot

import (
	"context"
	"encoding/json"
	"time"
)

// kept is how an event's replies are kept in the store (Memory.EndEvent)
// until they were handed to the platform.
type kept struct {
	Actor string    `json:"actor"`
	Msgs  []Message `json:"msgs"`
	// At is when they were kept (Unix ms; 0 in entries of older versions).
	At int64 `json:"at,omitempty"`
}

// sendFunc sends an event's replies; ctx marks journaled ones (markReply).
type sendFunc func(ctx context.Context, actor string, msgs []Message)

// lostReply is said when the run that saved an event's change died before
// its replies were kept: the change stands, the original reply is gone.
const lostReply = "I saved your last request, but my reply to it was lost in a restart. Please check the case before doing it again."

// process runs an event and passes its outcome to then, with the caller's
// ctx marking the replies as journaled ones (ReplyMark). The event is done
// when its state change commits (in the same transaction) or, for a
// handling that changed nothing, when it ends well; a failed run leaves it
// to be retried. Its replies are kept with the done marker before then
// sends them and marked sent after, so a run that dies in between leaves
// them to the next delivery of the event (resume).
func (b *Bot) process(ctx context.Context, p Platform, ev *Event, then sendFunc) {
	if ev.ID == "" {
		actor, msgs, _ := b.safeRun(ctx, p, ev)
		then(ctx, actor, msgs)
		return
	}
	key := "event:" + ev.Platform + ":" + ev.ID
	caller := ctx
	ctx, first, err := b.opt.Memory.BeginEvent(ctx, key, b.opt.DedupeTTL)
	if err != nil {
		then(caller, "", b.failure(ev, "", err))
		return
	}
	if !first {
		b.resume(ctx, caller, p, ev, then)
		return
	}
	actor, msgs, done := b.safeRun(ctx, p, ev)
	at := time.Now()
	raw, err := json.Marshal(kept{Actor: actor, Msgs: msgs, At: at.UnixMilli()})
	if err == nil {
		err = b.opt.Memory.EndEvent(context.WithoutCancel(ctx), done, raw)
	}
	if err != nil {
		b.opt.Log.Warn("event replies not kept", "platform", ev.Platform, "event", ev.ID, "err", err)
	}
	then(withJournaled(caller, journaled{event: key, since: at}), actor, msgs)
	if !done {
		b.sent(ctx, ev) // free the event for its retry before the caller retries it
		return
	}
	// A done event's release is off the worker's path: a retry finds the
	// done marker whether or not it was written yet, and a crash before it
	// only leaves replies to send again when the event is delivered again,
	// the window that exists anyway between a send and its record.
	b.release.Add(1)
	go func() { defer b.release.Done(); b.sent(ctx, ev) }()
}

// Released waits until the releases of done events started so far are
// written (for shutdown and tests).
func (b *Bot) Released() { b.release.Wait() }

// resume sends what a dead run of a done event left unsent, or nothing
// (the usual duplicate delivery). The dead run may have sent some of them:
// they go out marked as re-sends (ReplyMark.Resend), so a platform that
// can tell it took one already skips it. A reply said instead of lost
// ones is not marked: the dead run sent nothing.
func (b *Bot) resume(ctx, caller context.Context, p Platform, ev *Event, then sendFunc) {
	raw, lost := b.opt.Memory.Unsent(ctx)
	if raw == nil && !lost {
		b.opt.Log.Debug("duplicate event ignored", "platform", ev.Platform, "event", ev.ID)
		then(caller, "", nil)
		return
	}
	var k kept
	if lost {
		person, err := b.actor(ctx, p, ev)
		if err == nil {
			k.Actor = person.Handle
		}
		k.Msgs = []Message{{To: Target{Kind: Ephemeral}, Kind: KindError, Text: lostReply}}
	} else if err := json.Unmarshal(raw, &k); err != nil {
		b.opt.Log.Error("kept replies unreadable", "platform", ev.Platform, "event", ev.ID, "err", err)
	}
	b.opt.Log.Info("replies of an interrupted run resent", "platform", ev.Platform, "event", ev.ID, "lost", lost, "n", len(k.Msgs))
	if !lost {
		j := journaled{event: "event:" + ev.Platform + ":" + ev.ID, resend: true}
		if k.At > 0 {
			j.since = time.UnixMilli(k.At)
		}
		caller = withJournaled(caller, j)
	}
	then(caller, k.Actor, k.Msgs)
	b.sent(ctx, ev)
}

// sent records that an event's kept replies went out.
func (b *Bot) sent(ctx context.Context, ev *Event) {
	if err := b.opt.Memory.RepliesSent(context.WithoutCancel(ctx)); err != nil {
		b.opt.Log.Warn("event not released", "platform", ev.Platform, "event", ev.ID, "err", err)
	}
}
