package slack_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/slack"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/scripttest"
)

// slackRun is the whole bot as `jointwork serve` builds it (internal/app),
// on a real redis-server, talking to the fake Slack API, driven by signed
// slash commands the way a workspace would send them.
type slackRun struct {
	t       *testing.T
	fake    *slack.FakeSlack
	adapter *slack.Adapter
	url     string
	ids     map[string]string // handle → Slack id
	handles map[string]string // Slack id → handle
	app     *app.App          // the bot behind the adapter (its clock)
	user    string            // acting Slack user
	channel string            // where the next command is typed
	seq     int
}

func newSlackRun(t *testing.T) *slackRun {
	t.Helper()
	return newSlackRunAt(t, 2026, 11, 23)
}

// newSlackRunAt starts the bot's clock at 09:00 on the given date.
func newSlackRunAt(t *testing.T, y int, m time.Month, d int) *slackRun {
	t.Helper()
	fake := slack.NewFakeSlack(t)
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-test")
	t.Setenv("SLACK_SIGNING_SECRET", slack.TestSecret)
	t.Setenv("SLACK_APP_TOKEN", "")
	t.Setenv("SLACK_API_URL", fake.APIURL())
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	start := time.Date(y, m, d, 9, 0, 0, 0, cfg.Location())
	a := apptest.New(t, apptest.Options{Config: cfg, Start: start}).App
	server, err := app.NewServer(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(server.Close)
	hs := httptest.NewServer(server.Handler())
	t.Cleanup(hs.Close)
	r := &slackRun{t: t, fake: fake, url: hs.URL, ids: map[string]string{}, handles: map[string]string{}, app: a}
	r.adapter = a.Platforms["slack"].(*slack.Adapter)
	// alex, bea, chris and dana are U1…U4 in the fake; the others are added.
	for _, p := range a.Directory.People() {
		id := map[string]string{"alex": "U1", "bea": "U2", "chris": "U3", "dana": "U4"}[p.Handle]
		if id == "" {
			id = "U" + strings.ToUpper(p.Handle)
			fake.AddUser(id, p.Email)
		}
		r.ids[p.Handle], r.handles[id] = id, p.Handle
	}
	r.as("alex")
	return r
}

func (r *slackRun) as(handle string) {
	r.user = r.ids[handle]
	r.channel = "D" + r.user
}

// line runs one console script line: /as, /in, or a /jointwork command.
func (r *slackRun) line(line string) {
	r.t.Helper()
	line = strings.TrimSpace(line)
	word, rest, _ := strings.Cut(line, " ")
	switch word {
	case "", "/quit":
	case "/as":
		r.as(strings.TrimPrefix(rest, "@"))
	case "/in":
		if rest == "dm" {
			r.channel = "D" + r.user
			return
		}
		id, ok := r.fake.ChannelID(strings.TrimPrefix(rest, "#"))
		if !ok {
			r.t.Fatalf("no channel %s", rest)
		}
		r.channel = id
	case "/jointwork":
		r.slash(r.mentions(rest))
	case "/join":
		id := r.ids[strings.TrimPrefix(rest, "@")]
		r.fake.Join(r.channel, id)
		r.seq++
		r.event(fmt.Sprintf("EvJoin%d", r.seq), map[string]any{"type": "member_joined_channel", "user": id, "channel": r.channel, "channel_type": "G"})
	case "/clock":
		r.clock(rest)
	default:
		if !strings.HasPrefix(word, "#") {
			r.t.Fatalf("script line not understood: %q", line)
		}
	}
}

// replay runs every line of examples/name through Slack.
func (r *slackRun) replay(name string) {
	r.t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "examples", name))
	if err != nil {
		r.t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		r.line(sc.Text())
	}
}

// mentions writes @handle as Slack sends a person picked in the composer.
func (r *slackRun) mentions(text string) string {
	return regexp.MustCompile(`@([a-z]+)`).ReplaceAllStringFunc(text, func(m string) string {
		if id, ok := r.ids[m[1:]]; ok {
			return "<@" + id + "|" + m[1:] + ">"
		}
		return m
	})
}

func (r *slackRun) slash(text string) {
	r.t.Helper()
	r.seq++
	form := url.Values{"command": {"/jointwork"}, "text": {text}, "user_id": {r.user}, "channel_id": {r.channel},
		"trigger_id": {fmt.Sprintf("trig-%d", r.seq)}, "response_url": {r.fake.ResponseURL("x")}, "team_id": {"T1"}}
	body := []byte(form.Encode())
	req, _ := http.NewRequest(http.MethodPost, r.url+slack.PathCommands, strings.NewReader(string(body)))
	req.Header = slack.Sign(body, time.Now(), slack.TestSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		r.t.Fatalf("%q acked %d after %v", text, res.StatusCode, time.Since(start))
	}
	for deadline := time.Now().Add(time.Minute); r.adapter.Pending() > 0; time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			r.t.Fatalf("%q still being handled after a minute", text)
		}
	}
}

// transcript renders what the fake workspace saw, console-style.
func (r *slackRun) transcript() string {
	var b strings.Builder
	uploads := r.fake.Uploads()
	for _, c := range r.fake.Calls() {
		for _, l := range r.render(c, &uploads) {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func (r *slackRun) where(ch, thread string) string {
	if strings.HasPrefix(ch, "D") {
		return "[DM @" + r.handles[ch[1:]] + "]"
	}
	w := "#" + r.fake.ChannelName(ch)
	if thread != "" {
		w += " thread:" + thread
	}
	return "[" + w + "]"
}

func (r *slackRun) render(c slack.FakeCall, uploads *[]string) []string {
	a := c.Args
	prefix := func(p string, lines []string) []string {
		for i := range lines {
			lines[i] = p + " " + lines[i]
		}
		return lines
	}
	switch c.Method {
	case "conversations.create":
		return []string{"[#" + a["name"] + "] -- private channel created"}
	case "conversations.invite":
		var out []string
		for _, id := range strings.Split(a["users"], ",") {
			out = append(out, r.where(a["channel"], "")+" -- @"+r.handles[id]+" joined")
		}
		return out
	case "conversations.kick":
		return []string{r.where(a["channel"], "") + " -- @" + r.handles[a["user"]] + " was removed"}
	case "conversations.archive":
		return []string{r.where(a["channel"], "") + " -- channel archived"}
	case "pins.add":
		return []string{r.where(a["channel"], "") + " -- message pinned"}
	case "chat.postMessage":
		return prefix(r.where(a["channel"], a["thread_ts"]), r.blockLines(a["blocks"]))
	case "chat.update":
		return prefix(r.where(a["channel"], "")+" (card updated)", r.blockLines(a["blocks"]))
	case "chat.postEphemeral":
		return prefix("[only @"+r.handles[a["user"]]+"]", r.blockLines(a["blocks"]))
	case "response_url":
		return prefix("[only, via response_url]", r.blockLines(a["blocks"]))
	case "files.completeUploadExternal":
		var files []struct{ Title string }
		_ = json.Unmarshal([]byte(a["files"]), &files)
		out := []string{r.where(a["channel_id"], "") + " file " + files[0].Title}
		if len(*uploads) > 0 {
			for _, l := range strings.Split((*uploads)[0], "\n") {
				out = append(out, "  | "+l)
			}
			*uploads = (*uploads)[1:]
		}
		return out
	case "views.open":
		return []string{"[modal] " + a["view"]}
	}
	return nil
}

var slackMention = regexp.MustCompile(`<@([A-Z0-9]+)>`)

// blockLines turns Block Kit JSON back into readable lines.
func (r *slackRun) blockLines(raw string) []string {
	var blocks []struct {
		Type     string
		Text     *struct{ Text string }
		Fields   []struct{ Text string }
		Elements []struct {
			Text  json.RawMessage
			Value string
		}
	}
	_ = json.Unmarshal([]byte(raw), &blocks)
	var out []string
	add := func(s string) {
		s = slackMention.ReplaceAllStringFunc(s, func(m string) string { return "@" + r.handles[m[2:len(m)-1]] })
		s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
		out = append(out, strings.Split(s, "\n")...)
	}
	for _, b := range blocks {
		if b.Text != nil {
			add(b.Text.Text)
		}
		for _, f := range b.Fields {
			label, value, _ := strings.Cut(f.Text, "\n")
			add("  " + strings.Trim(label, "*") + ": " + value)
		}
		for _, e := range b.Elements {
			var t struct{ Text string }
			if json.Unmarshal(e.Text, &t) == nil && t.Text != "" && b.Type == "actions" {
				add("  [" + t.Text + "] " + e.Value)
			} else if b.Type == "context" {
				var s string
				if json.Unmarshal(e.Text, &s) == nil {
					add("  (" + s + ")")
				}
			}
		}
	}
	return out
}

// c101SlackOutcomes are the outcomes of issue 4's case script, as they
// appear in Slack, in the order they must appear.
var c101SlackOutcomes = []string{
	"[#jw-c101] -- private channel created",
	"[DM @alex] Case c101 is open in the private channel #jw-c101. You are the case lead.",
	"[only @alex] :warning: Nobody can join case c101 until a consent decision is recorded as permitted: joint work within one agency needs consent too",
	"[only @alex] :warning: @chris is from nhs-community-trust, another agency than the case lead's (county-council). Nobody from another agency can join case c101 until a consent decision is recorded as permitted",
	"[#jw-c101] *Consent decision for case c101: permitted*",
	"Facts: subject=person direct=yes capacity=yes consent=yes",
	"[#jw-c101] -- @bea joined",
	"[#jw-c101] -- @chris joined",
	"[#jw-c101] @alex invited @chris (nhs-community-trust, district nurse) to case c101.",
	"[#jw-c101] @alex set the level of joint working on case c101 to coordination",
	"[#jw-c101] Task T1 for @chris, due Wed 25 Nov 2026: Wound care plan agreed with the person",
	"[DM @chris] @alex gave you task T1 on case c101",
	"[#jw-c101] Formal request R1 from @alex to @chris (nhs-community-trust), due Thu 26 Nov 2026",
	"[DM @chris]   [Decline: our own duties] {\"c\":\"request decline c101 R1 duties\"",
	"[DM @chris] :warning: A decline needs written reasons and its ground, so it was not recorded.",
	"[DM @chris] :warning: A decline needs written reasons the requester can act on (a sentence, at least 5 words), so it was not recorded. Rule law.formal-request.decline:",
	"[DM @alex] Request R1 (case c101) was declined by @chris. Reasons: The team has no nurse free on that day",
	"[#jw-c101 thread:",
	"Task T1 done (marked by @chris).",
	"[#jw-c101] Delay decision on case c101: @alex will await the other practitioner until Mon 30 Nov 2026.",
	"Urgent needs: met by daily carer visits and the reablement team",
	"[#jw-c101] -- @chris was removed",
	"[DM @chris] You are no longer on case c101, and nothing more from it will reach you.",
	"Removed from the case: @bea (county-council), @chris (nhs-community-trust) (consent.required).",
	"[DM @alex] file case-c101-record.md",
	"| @chris | request declined | R1 | from @alex; reasons: The team has no nurse free on that day",
	"| @alex | consent withdrawn |",
	"[only @alex] I've sent you case-c101-record.md in our direct message.",
	"[#jw-c101] Case c101 was closed by @alex: support plan agreed.",
	"[#jw-c101] -- channel archived",
}

// The console's case script, replayed through Slack, has the same outcomes.
func TestCaseScriptThroughSlack(t *testing.T) {
	r := newSlackRun(t)
	r.replay("case-c101.txt")
	out := r.transcript()
	scripttest.InOrder(t, out, c101SlackOutcomes)
	scripttest.Once(t, out, "| request declined |", "[#jw-c101] -- @chris joined")
	if testing.Verbose() {
		t.Log("\n" + out)
	}
}

// event posts a signed Events API callback and waits until it is handled.
func (r *slackRun) event(id string, ev map[string]any) {
	r.t.Helper()
	body, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": id, "team_id": "T1",
		"authorizations": []map[string]any{{"user_id": "UBOT", "is_bot": true}}, "event": ev})
	req, _ := http.NewRequest(http.MethodPost, r.url+slack.PathEvents, strings.NewReader(string(body)))
	req.Header = slack.Sign(body, time.Now(), slack.TestSecret)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		r.t.Fatalf("event %s acked %d", id, res.StatusCode)
	}
	for deadline := time.Now().Add(time.Minute); r.adapter.Pending() > 0; time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			r.t.Fatalf("event %s still being handled after a minute", id)
		}
	}
}

// The App Home tab shows the person's open tasks, from the real home command;
// a mention and a DM reach the real handlers too.
func TestHomeMentionAndDMThroughSlack(t *testing.T) {
	r := newSlackRun(t)
	for _, l := range []string{
		"/jointwork case open c102 subject=person Home from hospital",
		"/in #jw-c102",
		"/jointwork task add @alex +2d Check the care package",
	} {
		r.line(l)
	}
	r.event("EvHome1", map[string]any{"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home"})
	var view string
	for _, c := range r.fake.Calls() {
		if c.Method == "views.publish" && c.Args["user_id"] == "U1" {
			view = c.Args["view"]
		}
	}
	if !strings.Contains(view, `"type":"home"`) || !strings.Contains(view, "My tasks") || !strings.Contains(view, "T1 · case c102") {
		t.Fatalf("home view %s", view)
	}
	ch, _ := r.fake.ChannelID("jw-c102")
	r.event("EvMention1", map[string]any{"type": "app_mention", "user": "U1", "channel": ch, "ts": "100.000001",
		"text": "<@UBOT> task list"})
	r.event("EvDM1", map[string]any{"type": "message", "channel_type": "im", "user": "U1", "channel": "DU1", "ts": "101.000001",
		"text": "what is a formal request for joint work?"})
	out := r.transcript()
	for _, want := range []string{"[only @alex] *Tasks of case c102*", "[DM @alex]   (Rule "} {
		if !strings.Contains(out, want) {
			t.Fatalf("transcript lacks %q\n%s", want, out)
		}
	}
	if testing.Verbose() {
		t.Log("\n" + out)
	}
}
