package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSlashCommandReplies(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1")
	code, body := h.slash("U1", "C1", "ask can I share with the nurse?")
	if code != 200 || body != "" {
		t.Fatalf("ack %d %q, want 200 and no body", code, body)
	}
	a := h.lastArgs("chat.postMessage")
	if a["channel"] != "C1" || !strings.Contains(a["text"], "Sharing information") {
		t.Fatalf("reply %v", a)
	}
	if !strings.Contains(a["blocks"], `"type":"context"`) || !strings.Contains(a["blocks"], "Rule share.consent") {
		t.Fatalf("answer without its source line: %s", a["blocks"])
	}
	// Slack's certificate check is answered and runs nothing.
	if code, _ := h.postSigned(PathCommands, "application/x-www-form-urlencoded", []byte("ssl_check=1&token=x")); code != 200 {
		t.Fatalf("ssl_check answered %d", code)
	}
	// An error meant as a reply is shown to the asker only.
	h.slash("U1", "C1", "oops")
	if e := h.lastArgs("chat.postEphemeral"); e["user"] != "U1" || e["channel"] != "C1" || !strings.Contains(e["text"], "that went wrong") {
		t.Fatalf("error reply %v", e)
	}
	// A slow command gets a private "working on it" in the ack itself.
	if code, body := h.slash("U1", "C1", "open c7"); code != 200 || !strings.Contains(body, workingText) || !strings.Contains(body, `"ephemeral"`) {
		t.Fatalf("slow command ack %d %q", code, body)
	}
	h.idle()
	// Not a member: the reply goes privately through response_url.
	h.fake.addChannel("C2", "elsewhere", "U1")
	h.slash("U1", "C2", "echo hello")
	if n := h.fake.webhookCount(); n != 1 {
		t.Fatalf("%d response_url posts, want 1", n)
	}
}

func TestMentionsAndDMs(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1", "U2")
	h.event("Ev1", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "ts": "10.000001",
		"text": "<@UBOT> echo hi <@U2|bea>"})
	a := h.lastArgs("chat.postMessage")
	if a["channel"] != "C1" || a["text"] != "echo: hi <@U2> from <@U1>" {
		t.Fatalf("mention reply %v", a)
	}
	h.event("Ev2", map[string]any{"type": "message", "channel_type": "im", "user": "U1", "channel": "DU1",
		"ts": "11.000001", "thread_ts": "9.000001", "text": "echo in a thread"})
	a = h.lastArgs("chat.postMessage")
	if a["channel"] != "DU1" || a["thread_ts"] != "9.000001" || !strings.HasPrefix(a["text"], "echo: in a thread") {
		t.Fatalf("DM reply %v", a)
	}
	posts := len(h.fake.callsOf("chat.postMessage"))
	for i, ev := range []map[string]any{
		{"type": "message", "channel_type": "im", "user": "U1", "channel": "DU1", "subtype": "message_changed", "text": "echo edited"},
		{"type": "message", "channel_type": "im", "user": "U1", "channel": "DU1", "bot_id": "B1", "text": "echo from a bot"},
		{"type": "message", "channel_type": "im", "user": botUser, "channel": "DU1", "text": "echo myself"},
		{"type": "message", "channel_type": "channel", "user": "U1", "channel": "C1", "text": "echo chatter"},
		{"type": "reaction_added", "user": "U1"},
		{"type": "user_change", "user": map[string]any{"id": "U1"}},
	} {
		if code, _ := h.event("EvIgnored"+string(rune('a'+i)), ev); code != 200 {
			t.Fatalf("ignored event acked %d", code)
		}
	}
	if n := len(h.fake.callsOf("chat.postMessage")); n != posts {
		t.Fatalf("ignored events posted %d messages", n-posts)
	}
}

func TestRetriedEventActsOnce(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1")
	ev := map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "ts": "12.000001", "text": "<@UBOT> count"}
	body := eventBody("EvRetry", ev)
	for retry := range 3 {
		hdr := sign(body, time.Now(), testSecret)
		if retry > 0 {
			hdr.Set("X-Slack-Retry-Num", string(rune('0'+retry)))
			hdr.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		if code, _ := h.post(PathEvents, "application/json", body, hdr); code != 200 {
			t.Fatalf("retry %d acked %d", retry, code)
		}
		h.idle()
	}
	if n := h.count.Load(); n != 1 {
		t.Fatalf("count ran %d times for one event delivered 3 times", n)
	}
	// A different event id is a different event.
	h.event("EvRetry2", ev)
	if n := h.count.Load(); n != 2 {
		t.Fatalf("count ran %d times, want 2", n)
	}
}

func TestUnknownUser(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U9")
	h.slash("U9", "C1", "ask anything")
	a := h.lastArgs("chat.postEphemeral")
	if a["user"] != "U9" || !strings.Contains(a["text"], "not in the jointwork directory") {
		t.Fatalf("unknown user reply %v", a)
	}
	if len(h.fake.callsOf("chat.postMessage")) != 0 {
		t.Fatalf("an unknown user got more than the one message")
	}
}

func TestChannelLifecycle(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1")
	h.slash("U1", "C1", "open c101")
	create := h.lastArgs("conversations.create")
	if create["name"] != "jw-c101" || create["is_private"] != "true" {
		t.Fatalf("create %v", create)
	}
	var ch string
	for id, c := range h.fake.channels {
		if c.name == "jw-c101" {
			ch = id
		}
	}
	c := h.fake.channel(ch)
	if c.topic != "Case c101" || !c.members["U1"] || !c.members[botUser] || len(c.pins) != 1 {
		t.Fatalf("channel %+v", c)
	}
	if card := h.lastArgs("chat.postMessage"); card["channel"] != ch || !strings.Contains(card["blocks"], `"type":"header"`) {
		t.Fatalf("card %v", card)
	}
	h.slash("U1", "C1", "open c101")
	if e := h.lastArgs("chat.postEphemeral"); !strings.Contains(e["text"], "Something went wrong") {
		t.Fatalf("name taken reply %v", e)
	}

	h.slash("U1", ch, "invite @chris @bea")
	if inv := h.lastArgs("conversations.invite"); inv["users"] != "U3,U2" {
		t.Fatalf("invite %v", inv)
	}
	h.slash("U1", ch, "invite @chris @dana") // chris is in already: one at a time
	if !c.members["U4"] || h.lastArgs("chat.postMessage")["text"] != "invite done" {
		t.Fatalf("invite with a member already in: %v", h.lastArgs("chat.postMessage"))
	}
	h.slash("U1", ch, "remove @chris")
	h.slash("U1", ch, "remove @chris") // not in the channel any more: fine
	if c.members["U3"] || h.lastArgs("chat.postMessage")["text"] != "remove done" {
		t.Fatalf("remove: members %v", c.members)
	}
	h.slash("U1", ch, "close")
	if !c.archived {
		t.Fatal("channel not archived")
	}
	// The bot cannot post in an archived channel: the asker is told privately.
	if n := h.fake.webhookCount(); n != 0 {
		t.Fatalf("%d response_url posts", n)
	}

	h.fake.addChannel("C5", "not-mine", "U1")
	h.slash("U1", "C5", "invite @bea")
	w := h.fake.webhooks[len(h.fake.webhooks)-1]
	if !strings.Contains(w["text"].(string), "I'm not a member of that channel") {
		t.Fatalf("not_in_channel explained as %v", w["text"])
	}
}

func TestButtonsAndModals(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "case", botUser, "U1", "U3")
	h.slash("U3", "C1", "decide")
	blocks := h.lastArgs("chat.postMessage")["blocks"]
	if !strings.Contains(blocks, `"action_id":"jw:run:0"`) || !strings.Contains(blocks, `"action_id":"jw:ask:1"`) {
		t.Fatalf("buttons %s", blocks)
	}
	press := func(actionID, value, trigger string) {
		h.interact(map[string]any{"type": "block_actions", "trigger_id": trigger, "user": map[string]any{"id": "U3"},
			"container": map[string]any{"type": "message", "channel_id": "C1", "message_ts": "20.000001"},
			"channel":   map[string]any{"id": "C1"}, "response_url": h.fake.responseURL("b1"),
			"actions": []map[string]any{buttonAction(actionID, value)}})
	}
	press("jw:run:0", "request accept R1", "trig-accept")
	if got := h.lastArgs("chat.postMessage")["text"]; got != "accepted R1" {
		t.Fatalf("accept reply %q", got)
	}
	spec := `{"c":"request decline R1","t":"Decline","l":"Reasons"}`
	press("jw:ask:1", spec, "trig-decline")
	open := h.lastArgs("views.open")
	if open["trigger_id"] != "trig-decline" || !strings.Contains(open["view"], callbackInput) {
		t.Fatalf("views.open %v", open)
	}
	var view struct {
		PrivateMetadata string `json:"private_metadata"`
	}
	_ = json.Unmarshal([]byte(open["view"]), &view)
	submit := func(text string) (int, string) {
		return h.interact(map[string]any{"type": "view_submission", "trigger_id": "trig-sub-" + text, "user": map[string]any{"id": "U3"},
			"view": map[string]any{"type": "modal", "callback_id": callbackInput, "private_metadata": view.PrivateMetadata,
				"state": map[string]any{"values": map[string]any{blockText: map[string]any{actionText: map[string]any{"type": "plain_text_input", "value": text}}}}}})
	}
	if code, body := submit("   "); code != 200 || !strings.Contains(body, `"response_action":"errors"`) {
		t.Fatalf("empty reasons: %d %s", code, body)
	}
	if code, body := submit("no capacity this month"); code != 200 || body != "" {
		t.Fatalf("submission ack %d %q", code, body)
	}
	if got := h.lastArgs("chat.postMessage"); got["text"] != "declined R1 because no capacity this month" || got["channel"] != "C1" {
		t.Fatalf("decline reply %v", got)
	}
}

func TestForms(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "case", botUser, "U1")
	// A slash command has a trigger_id: the form opens as a modal at once.
	h.slash("U1", "C1", "consent")
	open := h.lastArgs("views.open")
	if !strings.Contains(open["view"], `"callback_id":"jw:form"`) || !strings.Contains(open["view"], "radio_buttons") {
		t.Fatalf("form modal %v", open["view"])
	}
	if len(h.fake.callsOf("chat.postMessage")) != 0 {
		t.Fatal("the form was posted as well as opened")
	}
	var view struct {
		PrivateMetadata string `json:"private_metadata"`
	}
	_ = json.Unmarshal([]byte(open["view"]), &view)
	h.interact(map[string]any{"type": "view_submission", "trigger_id": "trig-form", "user": map[string]any{"id": "U1"},
		"view": map[string]any{"type": "modal", "callback_id": callbackForm, "private_metadata": view.PrivateMetadata,
			"state": map[string]any{"values": map[string]any{
				"q:capacity": map[string]any{"a": map[string]any{"type": "radio_buttons", "selected_option": map[string]any{"value": "yes"}}},
				"q:note":     map[string]any{"a": map[string]any{"type": "plain_text_input", "value": "all\nfine"}},
			}}}})
	if got := h.lastArgs("chat.postMessage")["text"]; got != "consent recorded: capacity=yes note=all fine" {
		t.Fatalf("form reply %q", got)
	}
	// A DM has no trigger: the form is offered with a button that opens it.
	h.event("EvForm", map[string]any{"type": "message", "channel_type": "im", "user": "U1", "channel": "DU1", "ts": "30.000001", "text": "consent"})
	msg := h.lastArgs("chat.postMessage")
	var blocks []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	_ = json.Unmarshal([]byte(msg["blocks"]), &blocks)
	formID := ""
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.ActionID == actionForm {
				formID = e.Value
			}
		}
	}
	if formID == "" {
		t.Fatalf("no form button in %s", msg["blocks"])
	}
	opens := len(h.fake.callsOf("views.open"))
	h.interact(map[string]any{"type": "block_actions", "trigger_id": "trig-open", "user": map[string]any{"id": "U1"},
		"container": map[string]any{"type": "message", "channel_id": "DU1"},
		"actions":   []map[string]any{buttonAction(actionForm, formID)}})
	if n := len(h.fake.callsOf("views.open")); n != opens+1 || h.lastArgs("views.open")["trigger_id"] != "trig-open" {
		t.Fatalf("stored form not opened (%d opens)", n-opens)
	}
}

func TestDMsFilesAndHome(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "case", botUser, "U1")
	h.slash("U1", "C1", "dm @chris overdue task T1")
	a := h.lastArgs("chat.postMessage")
	if a["channel"] != "DU3" || !strings.Contains(a["blocks"], `"type":"header"`) || !strings.Contains(a["text"], ":bell:") {
		t.Fatalf("ping DM %v", a)
	}
	h.slash("U1", "C1", "record")
	if done := h.lastArgs("files.completeUploadExternal"); done["channel_id"] != "DU1" {
		t.Fatalf("record uploaded to %v, want the asker's DM", done)
	}
	if note := h.lastArgs("chat.postEphemeral"); !strings.Contains(note["text"], "c101.md") || note["user"] != "U1" {
		t.Fatalf("note %v", note)
	}
	// Upload refused: the record is shown in the ephemeral message itself.
	h.fake.failNext("files.getUploadURLExternal", fakeFail{code: "missing_scope"})
	h.slash("U1", "C1", "record")
	if e := h.lastArgs("chat.postEphemeral"); !strings.Contains(e["blocks"], "```# c101") {
		t.Fatalf("inline record %v", e["blocks"])
	}

	h.event("EvHome", map[string]any{"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home"})
	pub := h.lastArgs("views.publish")
	if pub["user_id"] != "U1" || !strings.Contains(pub["view"], "My tasks") || !strings.Contains(pub["view"], `"type":"home"`) {
		t.Fatalf("home %v", pub)
	}
	h.event("EvMsgTab", map[string]any{"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "messages"})
	if n := len(h.fake.callsOf("views.publish")); n != 1 {
		t.Fatalf("messages tab published the home (%d)", n)
	}
	h.interact(map[string]any{"type": "block_actions", "trigger_id": "trig-home", "user": map[string]any{"id": "U1"},
		"container": map[string]any{"type": "view", "view_id": "V2"}, "view": map[string]any{"type": "home", "id": "V2"},
		"actions": []map[string]any{buttonAction("jw:run:0", "echo done T1")}})
	if a := h.lastArgs("chat.postMessage"); a["channel"] != "DU1" || a["text"] != "echo: done T1 from <@U1>" {
		t.Fatalf("home button reply %v", a)
	}
	if n := len(h.fake.callsOf("views.publish")); n != 2 {
		t.Fatalf("home not refreshed after a button (%d publishes)", n)
	}
}

func TestRateLimitedReply(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1")
	h.fake.failNext("chat.postMessage", fakeFail{status: http.StatusTooManyRequests, retryAfter: "1"})
	start := time.Now()
	h.slash("U1", "C1", "echo patience")
	if took := time.Since(start); took < time.Second {
		t.Fatalf("reply after %v: Retry-After not honoured", took)
	}
	if n := h.fake.hitCount("chat.postMessage"); n != 2 {
		t.Fatalf("%d postMessage calls, want 2", n)
	}
}

func TestBusy(t *testing.T) {
	h := newHarness(t)
	block, started := make(chan struct{}), make(chan struct{}, 8)
	var once sync.Once
	release := func() { once.Do(func() { close(block) }) }
	t.Cleanup(release) // runs before the harness closes the adapter
	// Occupy every worker, then fill the queue with work that waits.
	for range 4 {
		h.a.enqueue(func(context.Context) { started <- struct{}{}; <-block })
	}
	for range 4 {
		<-started
	}
	for h.a.enqueue(func(context.Context) { <-block }) {
	}
	code, body := h.postSigned(PathCommands, "application/x-www-form-urlencoded",
		[]byte(slashForm("U1", "C1", "ask x", "trig-busy", "").Encode()))
	if code != 200 || !strings.Contains(body, "very busy") || !strings.Contains(body, `"ephemeral"`) {
		t.Fatalf("busy slash command: %d %s", code, body)
	}
	if code, _ := h.postSigned(PathEvents, "application/json", eventBody("EvBusy", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "text": "hi"})); code != http.StatusServiceUnavailable {
		t.Fatalf("busy event: %d, want 503 so Slack retries", code)
	}
	release()
	h.idle()
}

// buttonAction is one pressed button as Slack describes it.
func buttonAction(actionID, value string) map[string]any {
	return map[string]any{"action_id": actionID, "block_id": "b1", "type": "button", "value": value, "action_ts": "1.1"}
}
