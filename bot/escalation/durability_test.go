package escalation_test

import (
	"context"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/schedule"
	"github.com/jointwork/jointwork/bot/state"
)

// Timers survive a restart of Redis (AOF) and of the bot: a new app on the
// restarted server sends the chain once.
func TestTimersSurviveRestarts(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "alex", "chris", "+2d")
	w.a.Close()
	w.srv.Restart()
	w2 := newWorldOn(t, w.srv, monday)
	w2.advance(3 * day)
	w2.advance(4 * time.Hour)
	w2.wantPings("chris", "dana")
	w2.advance(10 * day)
	w2.wantPings("chris", "dana")
}

// A bot process that dies after claiming an item (here: its handler stops
// with the process's context, so the claim is never completed) loses
// nothing: once the lease runs out another process raises and sends each
// ping exactly once.
func TestClaimAbandonedByDeadProcess(t *testing.T) {
	for _, kind := range []string{escalation.KindPing, escalation.KindSend} {
		t.Run(kind, func(t *testing.T) {
			w := newWorld(t)
			w.openCase("c101")
			w.sendRequest("c101", "R1", "alex", "chris", "+1d") // overdue Wed 25 00:00
			w.a.Clock.Advance(day + 15*time.Hour + time.Minute) // Wed 00:01
			ctx, die := context.WithCancel(w.ctx)
			dead := &schedule.Runner{Store: w.a.Store, Now: w.a.Clock.Now, Lease: time.Minute,
				Handle: func(ctx context.Context, it state.Item) error {
					if it.Kind == kind {
						die()
						return ctx.Err()
					}
					return w.a.Escalation.Handle(ctx, it)
				}}
			if _, err := dead.Tick(ctx); err == nil {
				t.Fatal("the dying runner finished its tick")
			}
			_, err := w.a.Handlers.Policy.Record(w.ctx, "E1")
			if raised := err == nil; raised != (kind == escalation.KindSend) {
				t.Fatalf("after the crash, E1 raised = %v (%v)", raised, err)
			}
			w.advance(0) // the claim is still leased to the dead process
			w.wantPings()
			w.advance(2 * time.Minute) // lease over: re-claimed
			w.wantPings("chris")
			w.advance(4 * time.Hour)
			w.wantPings("chris", "dana")
			w.advance(10 * day)
			w.wantPings("chris", "dana")
		})
	}
}
