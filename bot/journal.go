package bot

import (
	"context"
	"encoding/json"
)

// kept is how an event's replies are kept in the store (Memory.EndEvent)
// until they were handed to the platform.
type kept struct {
	Actor string    `json:"actor"`
	Msgs  []Message `json:"msgs"`
}

// lostReply is said when the run that saved an event's change died before
// its replies were kept: the change stands, the original reply is gone.
const lostReply = "I saved your last request, but my reply to it was lost in a restart. Please check the case before doing it again."

// process runs an event and passes its outcome to then. The event is done
// when its state change commits (in the same transaction) or, for a
// handling that changed nothing, when it ends well; a failed run leaves it
// to be retried. Its replies are kept with the done marker before then
// sends them and marked sent after, so a run that dies in between leaves
// them to the next delivery of the event (resume).
func (b *Bot) process(ctx context.Context, p Platform, ev *Event, then func(string, []Message)) {
	if ev.ID == "" {
		actor, msgs, _ := b.safeRun(ctx, p, ev)
		then(actor, msgs)
		return
	}
	ctx, first, err := b.opt.Memory.BeginEvent(ctx, "event:"+ev.Platform+":"+ev.ID, b.opt.DedupeTTL)
	if err != nil {
		then("", b.failure(ev, "", err))
		return
	}
	if !first {
		b.resume(ctx, p, ev, then)
		return
	}
	actor, msgs, done := b.safeRun(ctx, p, ev)
	raw, err := json.Marshal(kept{Actor: actor, Msgs: msgs})
	if err == nil {
		err = b.opt.Memory.EndEvent(context.WithoutCancel(ctx), done, raw)
	}
	if err != nil {
		b.opt.Log.Warn("event replies not kept", "platform", ev.Platform, "event", ev.ID, "err", err)
	}
	then(actor, msgs)
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
// (the usual duplicate delivery).
func (b *Bot) resume(ctx context.Context, p Platform, ev *Event, then func(string, []Message)) {
	raw, lost := b.opt.Memory.Unsent(ctx)
	if raw == nil && !lost {
		b.opt.Log.Debug("duplicate event ignored", "platform", ev.Platform, "event", ev.ID)
		then("", nil)
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
	then(k.Actor, k.Msgs)
	b.sent(ctx, ev)
}

// sent records that an event's kept replies went out.
func (b *Bot) sent(ctx context.Context, ev *Event) {
	if err := b.opt.Memory.RepliesSent(context.WithoutCancel(ctx)); err != nil {
		b.opt.Log.Warn("event not released", "platform", ev.Platform, "event", ev.ID, "err", err)
	}
}
