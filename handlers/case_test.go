package handlers_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/state"
)

func TestCaseOpen(t *testing.T) {
	e := newEnv(t)
	out := e.dm("alex", "/jointwork case open C101 subject=person Hospital discharge")
	for _, w := range []string{
		"[#jw-c101] -- private channel created", "[#jw-c101] -- @alex joined", "[#jw-c101] Case c101: Hospital discharge",
		"Consent: not recorded", "pinned", "[DM @alex] Case c101 is open in the private channel #jw-c101",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("case open output lacks %q:\n%s", w, out)
		}
	}
	c := e.caseOf("c101")
	if c.Lead != "alex" || c.Platform != "console" || c.Channel == "" || c.ChannelName != "jw-c101" || c.Card == "" ||
		c.Subject != "person" || c.Title != "Hospital discharge" || c.Members["alex"].Agency != "county-council" {
		t.Errorf("case as stored: %+v", c)
	}
	if !strings.Contains(out, "topic: jointwork case c101 · private to its members\n") {
		t.Errorf("the channel topic must hold only the reference:\n%s", out)
	}
	e.play(t, []step{
		{name: "taken reference", as: "bea", where: "dm", text: "/jointwork case open c101", want: []string{"The reference c101 can't be used"}, notWant: []string{"@alex", "lead"}},
		{name: "missing reference", as: "bea", where: "dm", text: "/jointwork case open", want: []string{"needs more"}},
		{name: "bad subject", as: "alex", where: "dm", text: "/jointwork case open c102 subject=dog", want: []string{"person, carer or child"}},
		{name: "title too long", as: "alex", where: "dm", text: "/jointwork case open c102 " + strings.Repeat("word ", 20), want: []string{"limit is 80"}},
		{name: "NHS number in title", as: "alex", where: "dm", text: "/jointwork case open c102 Mr X 485 777 3456", want: []string{"NHS"}, notWant: []string{"485", "777", "3456"}},
		{name: "date of birth in title", as: "alex", where: "dm", text: "/jointwork case open c102 born 01/02/1990", want: []string{"date of birth"}},
		{name: "non-member cannot delegate", as: "eve", where: "c101", text: "/jointwork case delegate @bea", want: []string{"Only members of this case"}},
		{name: "delegate must be of the lead's agency", as: "alex", where: "c101", text: "/jointwork case delegate @chris", want: []string{"own agency"}},
		{name: "no colleague joins before consent", as: "alex", where: "c101", text: "/jointwork invite @bea OT assessment", want: []string{"needs consent too"}},
		{name: "delegate bea", as: "alex", where: "c101", text: "/jointwork case delegate @bea", written: true, want: []string{"@bea may now act for the case lead"},
			check: func(t *testing.T, e *env) {
				if d := e.caseOf("c101").Delegates; len(d) != 1 || d[0] != "bea" {
					t.Errorf("delegates = %v", d)
				}
			}},
		{name: "delegate twice", as: "alex", where: "c101", text: "/jointwork case delegate @bea", want: []string{"already a delegate"}},
		{name: "only the lead names delegates", as: "bea", where: "c101", text: "/jointwork case delegate @alex", want: []string{"Only the case lead (@alex) names delegates"}},
		{name: "close reason too long", as: "alex", where: "c101", text: "/jointwork case close " + long, want: []string{"limit is 300"}},
	})
	if got := e.caseOf("c101").Status; got != state.StatusOpen {
		t.Fatalf("status after refused steps = %s", got)
	}
	if _, err := e.app.Store.Case(e.ctx, "c102"); !errors.Is(err, state.ErrNotFound) {
		t.Errorf("refused case open stored c102: %v", err)
	}
}

func TestCaseClose(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork task add @bea +2d Home visit")
	e.play(t, []step{
		{name: "member but not lead", as: "bea", where: "c101", text: "/jointwork case close", want: []string{"Only the case lead (@alex) or a delegate"}},
		{name: "outsider", as: "chris", where: "c101", text: "/jointwork case close", want: []string{"Only members of this case"}},
		{name: "lead closes", as: "alex", where: "c101", text: "/jointwork case close plan agreed", written: true,
			want: []string{"Status: closed", "closed by @alex: plan agreed", "Still open at close: T1", "[#jw-c101] -- channel archived", "[DM @alex] Case c101 is closed"},
			check: func(t *testing.T, e *env) {
				if c := e.caseOf("c101"); c.Status != state.StatusClosed || c.ClosedAt.IsZero() {
					t.Errorf("case after close: %+v", c)
				}
			}},
		{name: "closed case refuses commands", as: "alex", where: "c101", text: "/jointwork task add @bea +2d Another visit", want: []string{"Case c101 is closed"}},
		{name: "closed case drops out of task mine", as: "bea", where: "dm", text: "/jointwork task mine", want: []string{"Nothing open for you"}},
	})
}

func TestCaseChannelNameTaken(t *testing.T) {
	e := newEnv(t)
	for _, name := range []string{"jw-c7", "jw-c7-2"} {
		if _, err := e.ws.CreateChannel(e.ctx, name, "someone else's"); err != nil {
			t.Fatal(err)
		}
	}
	e.open("c7")
	if got := e.caseOf("c7").ChannelName; got != "jw-c7-3" {
		t.Errorf("channel name = %q, want jw-c7-3", got)
	}
}

// A replayed event (same id) changes nothing twice.
func TestReplayedEvent(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	before := e.entries("c101")
	place := e.place("c101")
	first := e.send("alex", place, "/jointwork task add @bea +2d Home visit", "dup-1")
	second := e.send("alex", place, "/jointwork task add @bea +2d Home visit", "dup-1")
	if !strings.Contains(first, "Task T1 for @bea") || second != "" {
		t.Errorf("first:\n%s\nsecond:\n%s", first, second)
	}
	tasks, err := e.app.Store.Tasks(e.ctx, "c101")
	if err != nil || len(tasks) != 1 {
		t.Fatalf("tasks = %v, %v", tasks, err)
	}
	if after := e.entries("c101"); after-before > 2 {
		t.Errorf("timeline grew by %d entries for one task", after-before)
	}
}
