package handlers_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/escalation"
)

// escEnv is an env whose console workspace also carries the pings.
func escEnv(t *testing.T) *env {
	e := newEnv(t)
	e.permit("c101")
	if out := e.in("c101", "alex", "/jointwork invite @chris district nursing"); !strings.Contains(out, "joined") {
		t.Fatalf("invite chris:\n%s", out)
	}
	return e
}

// due runs the timed work that is due and returns what it printed.
func (e *env) due(d time.Duration) string {
	e.out.Reset()
	e.app.Clock.Advance(d)
	e.app.RunDue(e.ctx)
	return e.out.String()
}

const escDay = 24 * time.Hour

var escPing = regexp.MustCompile(`(?m)^\[DM @([a-z]+)\]\s+Ping: (E\d+)$`)

// pinged lists "handle:E1" for the pings in out.
func pinged(out string) []string {
	var got []string
	for _, m := range escPing.FindAllStringSubmatch(out, -1) {
		got = append(got, m[1]+":"+m[2])
	}
	return got
}

func TestEscalateCommand(t *testing.T) {
	e := escEnv(t)
	e.play(t, []step{
		{name: "not in a case channel", as: "bea", where: "dm", text: "/jointwork escalate visits keep being cancelled",
			want: []string{"in the case's channel"}},
		{name: "not a member", as: "eve", where: "c101", text: "/jointwork escalate visits keep being cancelled",
			want: []string{"Only members of this case can escalate it."}},
		{name: "no text", as: "bea", where: "c101", text: "/jointwork escalate",
			want: []string{"needs more"}},
		{name: "a member escalates", as: "bea", where: "c101", text: "/jointwork escalate Three home visits cancelled this month",
			want: []string{"[only @bea] Escalated as E1: @morgan, manager of the case lead @alex"}, notWant: []string{"[DM @morgan]"},
			written: true},
	})
	out := e.due(0)
	if got := pinged(out); strings.Join(got, ",") != "morgan:E1" {
		t.Fatalf("pings = %v\n%s", got, out)
	}
	for _, want := range []string{"[DM @morgan] @bea escalated case c101 to you", "> Three home visits cancelled this month",
		"[DM @morgan]   Where: #jw-c101", "[DM @morgan]   [Acknowledge] /jointwork ack E1"} {
		if !strings.Contains(out, want) {
			t.Errorf("ping lacks %q:\n%s", want, out)
		}
	}
	thread := bot.Place{Kind: bot.Channel, Channel: e.caseOf("c101").Channel, Thread: "9"}
	e.run("chris", thread, "/jointwork escalate Still no reply on the wound care plan")
	if out := e.due(0); !strings.Contains(out, "[DM @morgan]   Where: #jw-c101, thread 9") {
		t.Fatalf("no thread link:\n%s", out)
	}
}

func TestAckSnoozeAndList(t *testing.T) {
	e := escEnv(t)
	e.in("c101", "bea", "/jointwork escalate first")
	e.due(time.Minute)
	e.in("c101", "bea", "/jointwork escalate second")
	e.due(time.Minute)
	e.play(t, []step{
		{name: "list, oldest first", as: "morgan", where: "dm", text: "/jointwork escalations",
			want: []string{"2 waiting for you, oldest first:\n[DM @morgan] E1 · case c101 · escalated by @bea",
				"[DM @morgan] E2 · case c101", "[Acknowledge] /jointwork ack E1", "[Snooze] /jointwork snooze E2"}},
		{name: "nothing for bea", as: "bea", where: "dm", text: "/jointwork escalations", want: []string{"Nothing is waiting for you."}},
		{name: "ack by someone else refused", as: "bea", where: "dm", text: "/jointwork ack E1", want: []string{"There is no escalation E1 for you"}, notWant: []string{"@morgan", "c101"}},
		{name: "unknown id", as: "morgan", where: "dm", text: "/jointwork ack E77", want: []string{"There is no escalation E77"}},
		{name: "ack", as: "morgan", where: "dm", text: "/jointwork ack e1", want: []string{"Acknowledged E1 (case c101)"}, written: true},
		{name: "ack again changes nothing", as: "morgan", where: "dm", text: "/jointwork ack E1", want: []string{"E1 was already acknowledged by @morgan"}},
		{name: "snooze", as: "morgan", where: "dm", text: "/jointwork snooze E2",
			want: []string{"Snoozed E2 (case c101) until Tue 24 Nov 2026 09:02"}, written: true},
		{name: "snooze again changes nothing", as: "morgan", where: "dm", text: "/jointwork snooze E2", want: []string{"already snoozed"}},
		{name: "snooze an acknowledged one", as: "morgan", where: "dm", text: "/jointwork snooze E1", want: []string{"already acknowledged"}},
		{name: "list after", as: "morgan", where: "dm", text: "/jointwork escalations",
			want: []string{"1 waiting for you", "E2 · case c101", "snoozed until Tue 24 Nov 2026 09:02"}, notWant: []string{"E1 ·"}},
	})
	// Snoozed a working day: no pat before the reminder, then the reminder.
	if out := e.due(23 * time.Hour); len(pinged(out)) != 0 {
		t.Fatalf("pings while snoozed: %v", pinged(out))
	}
	out := e.due(time.Hour)
	if got := pinged(out); strings.Join(got, ",") != "morgan:E2" || !strings.Contains(out, "Reminder: @bea escalated case c101") {
		t.Fatalf("reminder = %v\n%s", got, out)
	}
	if got := pinged(e.due(4 * time.Hour)); strings.Join(got, ",") != "pat:E3" {
		t.Fatalf("after the reminder went unacknowledged: %v", got)
	}
}

// The case commands call the hooks: a request answered in time pings
// nobody; one left unanswered pings chris then dana; a decline pings the
// requester's manager with the reasons.
func TestCaseCommandsTriggerPings(t *testing.T) {
	e := escEnv(t)
	e.in("c101", "alex", "/jointwork request @chris +2d Joint visit")
	e.in("c101", "alex", "/jointwork request @chris +2d Second joint visit")
	e.dm("chris", "/jointwork request accept R1")
	out := e.due(3 * 24 * time.Hour)
	out += e.due(4 * time.Hour) // dana: 4 working hours after chris's ping
	if got := pinged(out); strings.Join(got, ",") != "chris:E1,dana:E2" || !strings.Contains(out, "Formal request R2 is overdue") {
		t.Fatalf("pings = %v\n%s", got, out)
	}
	e.dm("chris", "/jointwork request decline R2 duties No nurse is free in the team that week")
	out = e.due(0)
	if got := pinged(out); strings.Join(got, ",") != "morgan:E3" || !strings.Contains(out, "Reasons given: No nurse is free in the team that week") {
		t.Fatalf("decline pings = %v\n%s", got, out)
	}
	rec, err := e.app.Handlers.Policy.Record(e.ctx, "E2")
	if err != nil || rec.Status != escalation.StatusResolved {
		t.Fatalf("dana's ping after the answer: %+v, %v", rec, err)
	}
}

func TestHome(t *testing.T) {
	e := escEnv(t)
	e.in("c101", "alex", "/jointwork request @chris +2d Joint visit")
	e.in("c101", "alex", "/jointwork task add @bea +1d Home assessment")
	e.due(2 * 24 * time.Hour) // Wed 25 09:00: bea's task overdue since midnight
	e.in("c101", "bea", "/jointwork escalate please look at this case")
	e.due(0)
	e.play(t, []step{
		{name: "manager", as: "morgan", where: "dm", text: "/jointwork home",
			want: []string{"Waiting for you", "escalated by @bea", "[Acknowledge E", "My tasks", "No open tasks.", "No open requests."}},
		{name: "recipient", as: "chris", where: "dm", text: "/jointwork home",
			want:    []string{"My requests", "Waiting for your answer:", "R1 · case c101 · due Wed 25 Nov 2026 · from @alex"},
			notWant: []string{"Waiting for you\n"}},
		{name: "requester", as: "alex", where: "dm", text: "/jointwork home",
			want: []string{"Sent by you, not yet answered:", "R1 · case c101 · due Wed 25 Nov 2026 · to @chris"}},
		{name: "owner of an overdue task", as: "bea", where: "dm", text: "/jointwork home",
			want: []string{"T1 · case c101 · due Tue 24 Nov 2026 (overdue)", "Waiting for you", "task T1 overdue"}},
	})
	if strings.Contains(e.dm("chris", "/jointwork help"), "/jointwork home") {
		t.Errorf("home is listed in help; it is for the App Home tab")
	}
}

// When a task becomes overdue its owner is pinged and the case card flags it
// at once, without waiting for the next command on the case.
func TestOverdueTaskRefreshesCard(t *testing.T) {
	e := escEnv(t)
	e.in("c101", "alex", "/jointwork task add @bea +1d Home assessment")
	out := e.due(escDay + 24*time.Hour) // Wed 25 09:00: overdue since midnight, pinged when working hours start
	if got := pinged(out); strings.Join(got, ",") != "bea:E1,alex:E2" || !strings.Contains(out, "[DM @alex] Task T1 on case c101, owned by @bea, was due on Tue 24 Nov 2026 and is still open. You are told as the case lead") {
		t.Fatalf("pings = %v (the owner, and the case lead told)\n%s", got, out)
	}
	if !strings.Contains(out, "card updated") || !strings.Contains(out, "T1 @bea due Tue 24 Nov 2026 ⚠ OVERDUE") {
		t.Fatalf("card not refreshed:\n%s", out)
	}
	if out := e.due(escDay); strings.Contains(out, "card updated") {
		t.Fatalf("card refreshed again for the manager's ping:\n%s", out)
	}
}

// During a Redis outage the escalation list says nothing can be saved
// (state's classification), not "something went wrong". The event has no
// id, so the kernel's dedupe does not answer first.
func TestEscalationsDuringOutage(t *testing.T) {
	e := newEnv(t)
	e.srv.Stop()
	out := e.send("alex", bot.Place{Kind: bot.DM, Channel: "dm:alex"}, "/jointwork escalations", "")
	if !strings.Contains(out, "can't save anything right now") || strings.Contains(out, "Something went wrong") {
		t.Fatalf("escalations during an outage:\n%s", out)
	}
}
