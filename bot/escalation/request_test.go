package escalation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
)

const day = 24 * time.Hour

// The Done-when: a request due in 2 working days, three days on
// chris and then dana are pinged once each; dana acknowledges; nothing more.
func TestRequestOverdueChainDoneWhen(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "alex", "chris", "+2d")
	if got := w.scheduled(); strings.Join(got, ",") != "req:c101:R1:due" {
		t.Fatalf("scheduled = %v", got)
	}
	w.advance(3 * day)
	w.wantPings("chris")     // one jump: one ping per level
	w.advance(4 * time.Hour) // the manager's delay counts from the send
	w.wantPings("chris", "dana")
	dana := w.lastPing("dana")
	rec, err := w.a.Handlers.Policy.Record(w.ctx, dana)
	if err != nil || rec.Level != 1 || rec.Status != escalation.StatusOpen || rec.Prev != w.lastPing("chris") {
		t.Fatalf("dana's record = %+v, %v", rec, err)
	}
	out, err := w.a.Handlers.Policy.Ack(w.ctx, dana, w.person("dana"))
	if err != nil || !out.Changed {
		t.Fatalf("ack = %+v, %v", out, err)
	}
	w.advance(10 * day)
	w.wantPings("chris", "dana")
	want := []string{escalation.ActionScheduled, escalation.ActionSent, escalation.ActionEscalated, escalation.ActionAcknowledged}
	if got := w.actions("c101", "escalation."); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("timeline = %v, want %v", got, want)
	}
	if got := w.scheduled(); len(got) != 0 {
		t.Fatalf("items left: %v", got)
	}
}

// The ping says what happened, where to look and offers the three buttons;
// never the request's text.
func TestPingMessage(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "alex", "chris", "+2d")
	w.advance(3 * day)
	w.advance(4 * time.Hour)
	out := w.out.String()
	id := w.lastPing("chris")
	for _, want := range []string{
		"[DM @chris] Formal request R1 is overdue",
		"was due on Wed 25 Nov 2026 and has not been answered",
		"[DM @chris]   Where: #jw-c101, thread 12",
		"[DM @chris]   [Acknowledge] /jointwork ack " + id,
		"[DM @chris]   [Snooze] /jointwork snooze " + id,
		"[DM @chris]   [Open case] /jointwork ",
		"[DM @dana] It comes to you as @chris's manager: @chris did not acknowledge " + id + " in time.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ping lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out, "Joint visit") {
		t.Errorf("ping shows the request text:\n%s", out)
	}
}

// Each level waits for its configured delay, counted from the due time.
func TestRequestChainTiming(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "chris", "alex", "+2d") // due Wed 25, overdue Thu 26 00:00
	steps := []struct {
		to   time.Time
		want []string
	}{
		{time.Date(2026, 11, 25, 23, 59, 0, 0, london()), nil},
		{time.Date(2026, 11, 26, 0, 0, 0, 0, london()), []string{"alex"}},
		{time.Date(2026, 11, 26, 3, 59, 0, 0, london()), []string{"alex"}},
		{time.Date(2026, 11, 26, 4, 0, 0, 0, london()), []string{"alex", "morgan"}},
		{time.Date(2026, 11, 26, 8, 0, 0, 0, london()), []string{"alex", "morgan", "pat"}},
		{time.Date(2026, 12, 26, 8, 0, 0, 0, london()), []string{"alex", "morgan", "pat"}}, // pat is the top
	}
	for _, s := range steps {
		w.advance(s.to.Sub(w.a.Clock.Now()))
		w.wantPings(s.want...)
	}
	if got := w.scheduled(); len(got) != 0 {
		t.Fatalf("items left: %v", got)
	}
}

// Acknowledging stops the chain, whoever of the chain acknowledges.
func TestAckStopsChain(t *testing.T) {
	for _, who := range []string{"alex", "morgan"} {
		t.Run(who, func(t *testing.T) {
			w := newWorld(t)
			w.openCase("c101")
			w.sendRequest("c101", "R1", "chris", "alex", "+2d")
			w.advance(2*day + 15*time.Hour + 30*time.Minute) // Thu 00:30
			if who == "morgan" {
				w.advance(4 * time.Hour) // Thu 04:30: morgan has it
			}
			if _, err := w.a.Handlers.Policy.Ack(w.ctx, w.lastPing(who), w.person(who)); err != nil {
				t.Fatal(err)
			}
			before := len(w.pings())
			w.advance(20 * day)
			if len(w.pings()) != before {
				t.Fatalf("pings after ack: %v", w.pings())
			}
		})
	}
}

// Snooze reminds the same person one working day later and holds the
// chain until the reminder has gone unacknowledged in turn.
func TestSnoozeDelaysOneWorkingDay(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "chris", "alex", "+2d")
	w.advance(2*day + 15*time.Hour + 30*time.Minute) // Thu 26 00:30
	e1 := w.lastPing("alex")
	out, err := w.a.Handlers.Policy.Snooze(w.ctx, e1, w.person("alex"))
	if err != nil || !out.Changed {
		t.Fatalf("snooze = %+v, %v", out, err)
	}
	if want := time.Date(2026, 11, 27, 0, 30, 0, 0, london()); !out.Record.Until.Equal(want) {
		t.Fatalf("until = %v, want %v", out.Record.Until, want)
	}
	w.advance(24*time.Hour - time.Minute) // Fri 00:29: nothing yet, morgan not pinged
	w.wantPings("alex")
	w.advance(time.Minute) // Fri 00:30: alex reminded
	w.wantPings("alex", "alex")
	if !strings.Contains(w.out.String(), "[DM @alex] Reminder: Formal request R1 is overdue") {
		t.Fatalf("no reminder:\n%s", w.out.String())
	}
	w.advance(4 * time.Hour) // Fri 04:30: the chain goes on
	w.wantPings("alex", "alex", "morgan")
	want := []string{escalation.ActionScheduled, escalation.ActionSent, escalation.ActionSnoozed,
		escalation.ActionReminded, escalation.ActionEscalated}
	if got := w.actions("c101", "escalation."); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("timeline = %v, want %v", got, want)
	}
}

// A snooze over a weekend lands on the next working day.
func TestSnoozeSkipsWeekend(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "chris", "alex", "+3d") // due Thu 26, overdue Fri 27 00:00
	w.advance(3*day + 16*time.Hour)                     // Fri 27 01:00
	out, err := w.a.Handlers.Policy.Snooze(w.ctx, w.lastPing("alex"), w.person("alex"))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 30, 1, 0, 0, 0, london()); !out.Record.Until.Equal(want) {
		t.Fatalf("until = %v, want Monday %v", out.Record.Until, want)
	}
}

// Answering a request before its due date pings nobody; answering it after
// the first ping stops the chain and resolves the ping.
func TestAnsweredRequest(t *testing.T) {
	for _, c := range []struct {
		name   string
		before time.Duration
		want   []string
	}{
		{"before due", day, nil},
		{"after first ping", 2*day + 15*time.Hour + 30*time.Minute, []string{"alex"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			w.openCase("c101")
			r := w.sendRequest("c101", "R1", "chris", "alex", "+2d")
			w.advance(c.before)
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				r.Status, r.AnsweredBy, r.AnsweredAt = state.RequestAccepted, "alex", tx.Now()
				tx.PutRequest(r)
				p.RequestAnswered(tx, r)
			})
			w.advance(20 * day)
			w.wantPings(c.want...)
			if got := w.scheduled(); len(got) != 0 {
				t.Fatalf("items left: %v", got)
			}
			if len(c.want) > 0 {
				rec, err := w.a.Handlers.Policy.Record(w.ctx, w.lastPing("alex"))
				if err != nil || rec.Status != escalation.StatusResolved {
					t.Fatalf("record = %+v, %v", rec, err)
				}
				if left, _ := w.a.Handlers.Policy.Waiting(w.ctx, "alex"); len(left) != 0 {
					t.Fatalf("still waiting: %v", left)
				}
			}
		})
	}
}

// A decline goes to the requester's manager at once, with the reasons.
func TestDeclinePingsRequesterManager(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	r := w.sendRequest("c101", "R1", "alex", "chris", "+2d")
	w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
		r.Status, r.AnsweredBy, r.Reasons = state.RequestDeclined, "chris", "No capacity in the team until January"
		tx.PutRequest(r)
		p.RequestAnswered(tx, r)
	})
	w.a.RunDue(w.ctx)
	w.wantPings("morgan")
	for _, want := range []string{"[DM @morgan] Formal request R1 was declined",
		"[DM @morgan]   Reasons given: No capacity in the team until January",
		"It comes to you as @alex's manager."} {
		if !strings.Contains(w.out.String(), want) {
			t.Errorf("ping lacks %q\n%s", want, w.out.String())
		}
	}
	w.advance(3 * day) // the overdue chain was cancelled; morgan's ping goes up to pat
	w.wantPings("morgan", "pat")
}
