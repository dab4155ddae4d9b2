package teams

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jointwork/jointwork/bot/state"
)

// srcActivity is the inbox source of Bot Framework activities.
const srcActivity = "teams/activity"

// attachInbox makes message and notification activities durable: stored in
// q before the 200, run by q's workers (see later).
func (a *Adapter) attachInbox() {
	if a.opt.Inbox != nil {
		a.opt.Inbox.Handle(srcActivity, a.replay)
		a.opt.Inbox.Handle(srcInvoke, a.replayInvoke)
	}
}

// later runs an acknowledged activity's work: without an inbox on a
// background goroutine; with one, it appends the verified body to the
// inbox, and an inbox worker on any replica runs it (replay). False means
// the activity could not be taken (closing, or the inbox unavailable), so
// the caller answers 503.
func (a *Adapter) later(ctx context.Context, body []byte, tr *turn, fn func(ctx context.Context)) bool {
	if a.opt.Inbox == nil {
		return a.background(tr, fn)
	}
	if _, err := a.opt.Inbox.Append(context.WithoutCancel(ctx), srcActivity, body, ""); err != nil {
		a.log.Warn("activity not stored; answered 503", "type", tr.act.Type, "err", err)
		return false
	}
	return true
}

// replay is the inbox handler: it decodes the stored activity (verified
// before it was stored) and runs its work to the end.
func (a *Adapter) replay(_ context.Context, e state.InboxEntry) error {
	var act activity
	if err := json.Unmarshal(e.Body, &act); err != nil {
		return fmt.Errorf("teams: stored activity: %w", err)
	}
	tr := newTurn(&act)
	fn := func(ctx context.Context) { a.remember(ctx, tr) }
	switch act.Type {
	case "message":
		fn = func(ctx context.Context) { a.onMessage(ctx, tr) }
	case "conversationUpdate":
		fn = func(ctx context.Context) { a.remember(ctx, tr); a.onMembersAdded(ctx, tr) }
	}
	if e.Deliveries > 1 {
		// Taken over from a worker that stopped: its run may still hold
		// the event (state.WithTakeover).
		inner := fn
		fn = func(ctx context.Context) { inner(state.WithTakeover(ctx)) }
	}
	if !a.begin() {
		return fmt.Errorf("teams: adapter closing")
	}
	a.run(tr, fn)
	return nil
}
