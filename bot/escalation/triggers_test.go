package escalation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
)

func addTask(w *world, id, owner, due string) *state.Task {
	w.t.Helper()
	d, err := w.a.Calendar.ParseDue(due, w.a.Clock.Now())
	if err != nil {
		w.t.Fatal(err)
	}
	tk := &state.Task{ID: id, Owner: owner, Text: "Home visit", Due: d, Thread: "7"}
	w.update("c101", func(tx *state.Tx, p *escalation.Policy) { tx.PutTask(tk); p.TaskAdded(tx, tk) })
	return tk
}

// step moves the clock by d, runs what is due, and expects the people
// pinged so far, in order.
type step struct {
	d    time.Duration
	want []string
}

// Each trigger pings the right people, exactly once each, at the right time.
func TestTriggers(t *testing.T) {
	cases := []struct {
		name  string
		setup func(w *world)
		steps []step
		title string
	}{{
		name:  "task overdue: owner, then manager after 1 working day",
		setup: func(w *world) { addTask(w, "T1", "alex", "+1d") }, // due Tue 24, overdue Wed 25 00:00
		steps: []step{{day, nil}, {15 * time.Hour, []string{"alex"}}, {day - time.Minute, []string{"alex"}},
			{time.Minute, []string{"alex", "morgan"}}, {4 * time.Hour, []string{"alex", "morgan", "pat"}}},
		title: "[DM @alex] Task T1 is overdue",
	}, {
		name: "task done before due: nobody",
		setup: func(w *world) {
			tk := addTask(w, "T1", "alex", "+1d")
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				tk.Status = state.TaskDone
				tx.PutTask(tk)
				p.TaskDone(tx, tk)
			})
		},
		steps: []step{{30 * day, nil}},
	}, {
		name: "delay recorded (proceed): requester's manager at once",
		setup: func(w *world) {
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				d := state.Delay{Decision: "proceed", By: "alex", At: tx.Now()}
				tx.Case.Delays = append(tx.Case.Delays, d)
				p.DelayRecorded(tx, d)
			})
		},
		steps: []step{{0, []string{"morgan"}}, {4 * time.Hour, []string{"morgan", "pat"}}},
		title: "[DM @morgan] Delay decision on case c101",
	}, {
		name: "delay await: manager at once, again when still pending after 5 working days",
		setup: func(w *world) {
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				d := state.Delay{Decision: "await", By: "alex", At: tx.Now(), Until: tx.Now().Add(14 * day)}
				tx.Case.Delays = append(tx.Case.Delays, d)
				p.DelayRecorded(tx, d)
			})
			w.a.RunDue(w.ctx)
			if _, err := w.a.Handlers.Policy.Ack(w.ctx, w.lastPing("morgan"), w.person("morgan")); err != nil {
				w.t.Fatal(err)
			}
		},
		steps: []step{{6*day + 23*time.Hour, []string{"morgan"}}, {time.Hour, []string{"morgan", "morgan"}},
			{4 * time.Hour, []string{"morgan", "morgan", "pat"}}},
		title: "[DM @morgan] Allocation still pending on case c101",
	}, {
		name: "consent withdrawn: lead's manager and the safeguarding lead",
		setup: func(w *world) {
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				tx.Case.Consent = &state.Consent{Decision: "permitted", Basis: "consent", Withdrawn: true, WithdrawnBy: "alex"}
				p.ConsentRecorded(tx)
			})
		},
		steps: []step{{0, []string{"morgan", "sam"}}, {4 * time.Hour, []string{"morgan", "sam", "pat"}}},
		title: "[DM @sam] You are told as the safeguarding lead.",
	}, {
		name: "safeguarding enquiry as basis: lead's manager and the safeguarding lead",
		setup: func(w *world) {
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				tx.Case.Consent = &state.Consent{Decision: "permitted", Basis: escalation.BasisSafeguarding, RecordedBy: "alex"}
				p.ConsentRecorded(tx)
			})
		},
		steps: []step{{0, []string{"morgan", "sam"}}, {4*time.Hour - time.Minute, []string{"morgan", "sam"}},
			{time.Minute, []string{"morgan", "sam", "pat"}}},
		title: "[DM @morgan] Safeguarding enquiry is the basis on case c101",
	}, {
		name: "consent given: nobody",
		setup: func(w *world) {
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				tx.Case.Consent = &state.Consent{Decision: "permitted", Basis: "consent", RecordedBy: "alex"}
				p.ConsentRecorded(tx)
			})
		},
		steps: []step{{30 * day, nil}},
	}, {
		name: "case closed: every timer cancelled",
		setup: func(w *world) {
			addTask(w, "T1", "alex", "+1d")
			w.sendRequest("c101", "R1", "chris", "alex", "+2d")
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				d := state.Delay{Decision: "await", By: "alex", At: tx.Now()}
				tx.Case.Delays = append(tx.Case.Delays, d)
				p.DelayRecorded(tx, d)
			})
			w.a.RunDue(w.ctx) // morgan: delay decision
			w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
				tx.Case.Status = state.StatusClosed
				p.CaseClosed(tx)
			})
		},
		steps: []step{{30 * day, []string{"morgan"}}},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			w.openCase("c101")
			c.setup(w)
			var last []string
			for i, s := range c.steps {
				w.advance(s.d)
				w.t.Logf("step %d: now %s", i, w.a.Clock.Now().Format("Mon 2 Jan 15:04"))
				w.wantPings(s.want...)
				last = s.want
			}
			w.advance(40 * day) // nothing after the top of the directory
			w.wantPings(last...)
			if got := w.scheduled(); len(got) != 0 {
				t.Fatalf("items left: %v", got)
			}
			if c.title != "" && !strings.Contains(w.out.String(), c.title) {
				t.Errorf("no %q in\n%s", c.title, w.out.String())
			}
		})
	}
}

// Closing the case resolves the pings waiting in people's lists.
func TestCaseClosedResolvesPings(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "chris", "alex", "+2d")
	w.advance(2*day + 16*time.Hour) // Thu 01:00: alex pinged
	if got, _ := w.a.Handlers.Policy.Waiting(w.ctx, "alex"); len(got) != 1 {
		t.Fatalf("waiting = %v", got)
	}
	w.update("c101", func(tx *state.Tx, p *escalation.Policy) { tx.Case.Status = state.StatusClosed; p.CaseClosed(tx) })
	if got, _ := w.a.Handlers.Policy.Waiting(w.ctx, "alex"); len(got) != 0 {
		t.Fatalf("still waiting after close: %v", got)
	}
	_, err := w.a.Handlers.Policy.Ack(w.ctx, w.lastPing("alex"), w.person("alex"))
	if _, ok := bot.AsUserError(err); !ok || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("ack after close: %v", err)
	}
	if got := w.scheduled(); len(got) != 0 {
		t.Fatalf("items left: %v", got)
	}
}

// Only the person pinged, or an admin, may acknowledge or snooze.
func TestAckSnoozePermissions(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.sendRequest("c101", "R1", "alex", "chris", "+2d")
	w.advance(3 * day)
	w.advance(4 * time.Hour)
	e1 := w.lastPing("chris")
	pol := w.a.Handlers.Policy
	checks := []struct {
		name, who, id string
		snooze        bool
		wantErr       string
	}{
		{"someone else", "bea", e1, false, "There is no escalation " + e1 + " for you to acknowledge"},
		{"someone else snoozing", "alex", e1, true, "There is no escalation " + e1 + " for you to snooze"},
		{"unknown id", "chris", "E999", false, "There is no escalation E999"},
		{"escalated can't be snoozed", "chris", e1, true, "already gone further up"},
		{"admin may ack", "pat", e1, false, ""},
		{"second ack changes nothing", "chris", e1, false, ""},
	}
	for _, c := range checks {
		var err error
		if c.snooze {
			_, err = pol.Snooze(w.ctx, c.id, w.person(c.who))
		} else {
			_, err = pol.Ack(w.ctx, c.id, w.person(c.who))
		}
		if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.wantErr)
		}
	}
	if got := w.actions("c101", escalation.ActionAcknowledged); len(got) != 1 {
		t.Fatalf("acknowledged %d times on the timeline, want 1", len(got))
	}
	rec, _ := pol.Record(w.ctx, e1)
	if rec.AckBy != "pat" {
		t.Fatalf("AckBy = %q", rec.AckBy)
	}
}

// A ping that cannot be sent (platform missing) is retried and sent once.
func TestSendRetriedUntilPlatformAvailable(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	w.update("c101", func(tx *state.Tx, _ *escalation.Policy) { tx.Case.Platform = "teams" })
	w.sendRequest("c101", "R1", "alex", "chris", "+2d")
	w.advance(3 * day)
	w.wantPings()
	w.update("c101", func(tx *state.Tx, _ *escalation.Policy) { tx.Case.Platform = "console" })
	w.advance(time.Minute) // first retry after 30 s
	w.wantPings("chris")
	w.advance(4 * time.Hour) // dana's delay counts from the retried send
	w.wantPings("chris", "dana")
	w.advance(30 * day)
	w.wantPings("chris", "dana")
}

// Two schedulers on one Redis deliver each ping exactly once.
func TestTwoSchedulersDeliverOnce(t *testing.T) {
	w := newWorld(t)
	other := newWorldOn(t, w.srv, monday)
	for i := 1; i <= 20; i++ {
		ref := "c" + string(rune('a'+i))
		w.openCase(ref)
		w.sendRequest(ref, "R"+string(rune('A'+i)), "chris", "alex", "+2d")
	}
	for _, step := range []time.Duration{3 * day, 4 * time.Hour, 4 * time.Hour} {
		w.a.Clock.Advance(step)
		other.a.Clock.Advance(step)
		done := make(chan struct{})
		go func() { other.a.RunDue(w.ctx); close(done) }()
		w.a.RunDue(w.ctx)
		<-done
	}
	total := map[string]int{}
	for _, x := range []*world{w, other} {
		for h, n := range x.pingsTo() {
			total[h] += n
		}
	}
	if total["alex"] != 20 || total["morgan"] != 20 || total["pat"] != 20 || len(total) != 3 {
		t.Fatalf("pings per person = %v, want 20 each for alex, morgan, pat", total)
	}
	var ids []string
	for _, x := range []*world{w, other} {
		ids = append(ids, x.pings()...)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("ping %s sent twice", id)
		}
		seen[id] = true
	}
}

func TestCheckRefusesBadDelays(t *testing.T) {
	w := newWorld(t)
	p := *w.a.Handlers.Policy
	p.Config.Snooze = "soon"
	err := p.Check()
	if err == nil || !strings.Contains(err.Error(), "JOINTWORK_SNOOZE") {
		t.Fatalf("Check = %v", err)
	}
	if err := w.a.Handlers.Policy.Check(); err != nil {
		t.Fatalf("default settings refused: %v", err)
	}
}

// With nobody above in the directory the ping is not sent, and the case
// timeline says so.
func TestUnroutedIsRecorded(t *testing.T) {
	w := newWorld(t)
	w.openCase("c101")
	r := w.sendRequest("c101", "R1", "dana", "chris", "+2d") // dana has no manager
	w.update("c101", func(tx *state.Tx, p *escalation.Policy) {
		r.Status, r.AnsweredBy, r.Reasons = state.RequestDeclined, "chris", "No capacity"
		tx.PutRequest(r)
		p.RequestAnswered(tx, r)
	})
	w.advance(30 * day)
	w.wantPings()
	if got := w.actions("c101", escalation.ActionUnrouted); len(got) != 1 {
		t.Fatalf("unrouted entries = %v", got)
	}
}
