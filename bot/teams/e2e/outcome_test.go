package e2e_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// After a settling button (Acknowledge on a ping) the card that carried it
// is replaced in place by its outcome, with no buttons; a refused press
// (someone else's ping) leaves it alone.
func TestButtonSettlesItsCard(t *testing.T) {
	e := newEnv(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	e.app.AddPlatform(e.a)
	for _, l := range []string{"case open c301 subject=person Discharge", "consent capacity=yes consent=yes direct=yes"} {
		if strings.HasPrefix(l, "case open") {
			e.post(e.conn.PersonalMessage("alex", l))
		} else {
			e.post(e.conn.Mention("channel", e.graph.Channel("jw-c301"), "alex", l))
		}
	}
	e.post(e.conn.Mention("channel", e.graph.Channel("jw-c301"), "alex", "request @chris +2d Discharge summary"))
	e.app.Clock.Advance(3 * 24 * time.Hour)
	e.app.RunDue(context.Background())
	press := func(who, cmd, replyTo string) {
		a := e.conn.PersonalMessage(who, "")
		a["value"] = map[string]any{"command": cmd}
		a["replyToId"] = replyTo
		e.post(a)
	}
	press("alex", "ack E1", "card-1") // not alex's ping: refused
	if n := len(e.conn.Matching("PUT /v3/conversations/a:dm-aad-alex/activities/card-1")); n != 0 {
		t.Fatalf("a refused press updated the card %d times", n)
	}
	press("chris", "ack E1", "card-2")
	puts := e.conn.Matching("PUT /v3/conversations/a:dm-aad-chris/activities/card-2")
	if len(puts) != 1 {
		t.Fatalf("card updated %d times, want 1", len(puts))
	}
	body, _ := json.Marshal(puts[0].Body)
	if !strings.Contains(string(body), "ack E1 — @chris") || strings.Contains(string(body), "Action.Submit") {
		t.Fatalf("updated card %s", body)
	}
}

// People named in a message are real Teams mentions: an <at> tag in the
// text and an entity with their Entra object id.
func TestNamedPeopleAreMentions(t *testing.T) {
	e := newEnv(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	e.post(e.conn.PersonalMessage("alex", "case open c302 subject=person Discharge"))
	ch := e.graph.Channel("jw-c302")
	e.post(e.conn.Mention("channel", ch, "alex", "invite @bea OT assessment"))
	var raw []string
	for _, p := range e.conn.Posts() {
		b, _ := json.Marshal(p.Body)
		raw = append(raw, string(b))
	}
	all := strings.Join(raw, "\n")
	for _, want := range []string{`\u003cat\u003e@bea\u003c/at\u003e`, `"mentioned":{"id":"aad-bea","name":"@bea"}`} {
		if !strings.Contains(all, want) {
			t.Errorf("posts lack %s\n%s", want, all)
		}
	}
}
