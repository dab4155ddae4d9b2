package teams

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/state"
)

// srcInvoke is the inbox source of card-action invokes.
//
// An invoke is answered inline, so the replica that receives it runs it at
// once, but first stores it in the inbox: a worker handed it the first
// time leaves it pending (inbox.ErrLater). The receiving replica removes it
// once the effects are committed and the replies sent (doneInvoke). If that
// replica dies in between, the entry comes round again after the inbox's
// visibility timeout (the backstop) and replayInvoke finishes it: the
// kernel's reply journal sends the replies kept unsent with the done
// marker, or runs the command when it never committed. Private notes were
// the invoke's inline answer, so a replay sends only the other replies.
const srcInvoke = "teams/invoke"

// keepInvoke stores body before the invoke runs; "" without an inbox.
func (a *Adapter) keepInvoke(ctx context.Context, body []byte) (string, error) {
	if a.opt.Inbox == nil {
		return "", nil
	}
	return a.opt.Inbox.Append(context.WithoutCancel(ctx), srcInvoke, body, "")
}

// doneInvoke removes the stored invoke after its run finished.
func (a *Adapter) doneInvoke(ctx context.Context, entry string) {
	if entry == "" {
		return
	}
	if err := a.opt.Inbox.Done(context.WithoutCancel(ctx), entry); err != nil {
		a.log.Warn("invoke done but not removed; it will be checked again", "entry", entry, "err", err)
	}
}

// replayInvoke is the inbox handler of stored invokes: the first delivery
// belongs to the replica answering it inline; a later one means that
// replica stopped before it finished.
func (a *Adapter) replayInvoke(_ context.Context, e state.InboxEntry) error {
	if e.Deliveries <= 1 {
		return inbox.ErrLater
	}
	var act activity
	if err := json.Unmarshal(e.Body, &act); err != nil {
		return fmt.Errorf("teams: stored invoke: %w", err)
	}
	tr := newTurn(&act)
	cmd, ok := submitted(act.Value)
	if !ok {
		return nil
	}
	if !a.begin() {
		return fmt.Errorf("teams: adapter closing")
	}
	a.run(tr, func(ctx context.Context) {
		ctx = state.WithTakeover(ctx)
		ev := a.event(tr, cmd, true, false)
		a.opt.Bot.HandleWith(ctx, a, ev, func(actor string, msgs []bot.Message) {
			if _, rest := splitPrivate(msgs, actor); len(rest) > 0 {
				a.opt.Bot.Deliver(ctx, a, ev, actor, rest)
			}
		})
	})
	return nil
}

// die is a fault-test seam: a test sets a.dieAt to stop the running
// goroutine (runtime.Goexit) at a named point, as a crash would.
func (a *Adapter) die(point string) {
	if a.dieAt != nil {
		a.dieAt(point)
	}
}
