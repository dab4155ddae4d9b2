package slack

import (
	"context"
	"net/http"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/state"
)

// Inbox sources of the three HTTP endpoints.
const (
	srcEvents        = "slack/events"
	srcCommands      = "slack/commands"
	srcInteractivity = "slack/interactivity"
	// Socket Mode sends commands and interactions as JSON; its events are
	// the Events API's bodies (srcEvents).
	srcSocketCommands      = "slack/socket/commands"
	srcSocketInteractivity = "slack/socket/interactivity"
)

// sink takes the work a request produced; false means it could not.
type sink func(job func(context.Context)) bool

// parser parses one verified request, hands its work (if any) to put and
// returns the ack.
type parser func(body []byte, h http.Header, put sink) ack

// attachInbox makes the HTTP endpoints durable: a request with work is
// appended to q before its ack, and q's workers run it (see accept).
func (a *Adapter) attachInbox(q *inbox.Inbox) {
	if q == nil {
		return
	}
	a.inbox = q
	for src, fn := range map[string]parser{srcEvents: a.parseEvent, srcCommands: a.parseCommand,
		srcInteractivity: a.parseInteraction, srcSocketCommands: a.parseSocketCommand,
		srcSocketInteractivity: a.parseSocketInteraction} {
		q.Handle(src, a.replay(fn))
	}
}

// accept parses a request and returns its ack. Without an inbox its work
// goes to the in-memory pool. With one, the request is parsed for its ack
// only, and when it has work the raw request is appended to the inbox
// before the ack is given; an inbox worker parses it again and runs the
// work (replay), so a crash after the ack loses nothing.
func (a *Adapter) accept(ctx context.Context, src string, body []byte, h http.Header, fn parser) ack {
	if a.inbox == nil {
		return fn(body, h, a.enqueue)
	}
	queued := false
	res := fn(body, h, func(func(context.Context)) bool { queued = true; return true })
	if !queued {
		return res
	}
	id, err := a.inbox.Append(context.WithoutCancel(ctx), src, body, h.Get("X-Slack-Retry-Num"))
	if err != nil {
		a.log.Warn("slack request not stored; answered busy", "source", src, "err", err)
		if src == srcCommands {
			return ack{status: http.StatusOK, body: ephemeralBody{ResponseType: "ephemeral", Text: busyText}}
		}
		return ackBusy
	}
	// Pending counts the request until this replica's inbox has run it.
	a.active.Add(1)
	a.appended.Store(id, struct{}{})
	return res
}

// replay is the inbox handler of one endpoint: it parses the stored
// request again and runs its work to the end before returning, so the
// inbox acknowledges the entry only after the work is done.
func (a *Adapter) replay(fn parser) inbox.Handler {
	return func(_ context.Context, e state.InboxEntry) error {
		h := http.Header{}
		if e.Meta != "" {
			h.Set("X-Slack-Retry-Num", e.Meta)
		}
		var job func(context.Context)
		fn(e.Body, h, func(j func(context.Context)) bool { job = j; return true })
		if job != nil && e.Deliveries > 1 {
			// Taken over from a worker that stopped: its run may still
			// hold the event (state.WithTakeover).
			inner := job
			job = func(ctx context.Context) { inner(state.WithTakeover(ctx)) }
		}
		if job != nil {
			a.active.Add(1)
			a.run(job)
		}
		if _, ok := a.appended.LoadAndDelete(e.ID); ok {
			a.active.Add(-1)
		}
		return nil
	}
}
