package teams

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/teams/teamstest"
)

func TestMessagesReachTheBot(t *testing.T) {
	e := newEnv(t)
	const ch = "19:team-general@thread.tacv2"
	tests := []struct {
		name      string
		act       act
		wantConv  string // conversation the reply is posted to
		wantReply string // activity it replies to ("" = none)
		want      string
	}{
		{"personal chat", e.personal("alex", "echo hello"), "a:dm-aad-alex", "", "alex said: hello"},
		{"prefix word", e.personal("alex", "jointwork echo hi"), "a:dm-aad-alex", "", "alex said: hi"},
		{"plain question goes to ask", e.personal("alex", "who can see a case?"), "a:dm-aad-alex", "", "answer to: who can see a case?"},
		{"mention in a new channel post starts a thread", e.inChannel("alex", ch, "echo in channel"), ch + ";messageid=#", "#", "alex said: in channel"},
		{"mention in a thread replies in it", e.inChannel("alex", ch+";messageid=1699", "echo threaded"), ch + ";messageid=1699", "1699", "alex said: threaded"},
		{"mentions of people become handles", e.inChannel("alex", ch+";messageid=1699", "echo ask @bea and @chris"),
			ch + ";messageid=1699", "1699", "alex said: ask @bea and @chris"},
		{"group chat", e.conn.Mention(teamstest.GroupChat, "19:grp@thread.v2", "alex", "echo group"), "19:grp@thread.v2", "", "alex said: group"},
		{"markup and entities are cleaned", e.personal("alex", "<p>echo a&nbsp;&amp;&nbsp;b</p>"), "a:dm-aad-alex", "", "alex said: a & b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(e.posts())
			if r := e.post(tc.act); r.StatusCode != http.StatusOK {
				t.Fatalf("status %d", r.StatusCode)
			}
			got := e.posts()[before:]
			if len(got) != 1 {
				t.Fatalf("%d replies, want 1: %+v", len(got), got)
			}
			id := tc.act["id"].(string)
			wantConv := strings.ReplaceAll(tc.wantConv, "#", id)
			if got[0].Conv != wantConv || got[0].Reply != strings.ReplaceAll(tc.wantReply, "#", id) {
				t.Errorf("posted to %q reply %q, want %q reply %q", got[0].Conv, got[0].Reply, wantConv, tc.wantReply)
			}
			if txt := teamstest.ActivityText(got[0].Body); txt != tc.want {
				t.Errorf("text %q, want %q", txt, tc.want)
			}
		})
	}
}

func TestUnknownUserAndDedupe(t *testing.T) {
	e := newEnv(t)
	stranger := e.conn.NewActivity(teamstest.Personal, "a:dm-aad-zed", "zed", "echo hi")
	e.graph.AddUser("aad-zed", "zed@elsewhere.example", "zed@elsewhere.example")
	e.post(stranger)
	if got := e.texts("a:dm-aad-zed"); len(got) != 1 || !strings.Contains(got[0], "not in the jointwork directory") {
		t.Fatalf("stranger got %q", got)
	}
	a := e.personal("alex", "echo once")
	e.post(a)
	e.post(a) // Teams retried the same activity
	if got := e.texts("a:dm-aad-alex"); len(got) != 1 {
		t.Errorf("a retried activity was answered %d times: %q", len(got), got)
	}
}

func TestEmailLookupLinksTheDirectory(t *testing.T) {
	e := newEnv(t)
	e.post(e.personal("bea", "echo hi")) // bea has no teams_id: Graph gives her e-mail
	if got := e.texts("a:dm-aad-bea"); len(got) != 1 || got[0] != "bea said: hi" {
		t.Fatalf("got %q", got)
	}
	if p, ok := e.dir.ByTeamsID("aad-bea"); !ok || p.Handle != "bea" {
		t.Errorf("directory not linked: %+v %v", p, ok)
	}
	h, err := e.redis.Client().Get(t.Context(), e.store.Key("teams", "user", "aad-bea")).Result()
	if err != nil || h != "bea" {
		t.Errorf("cached handle %q, %v", h, err)
	}
}

func TestCardSubmitAndInvoke(t *testing.T) {
	e := newEnv(t)
	submit := e.personal("alex", "")
	submit["value"] = map[string]any{keyCommand: "echo", keyInput: "in0", "in0": "because reasons"}
	e.post(submit)
	form := e.personal("alex", "")
	form["value"] = map[string]any{keyCommand: "echo consent", keyForm: "capacity consent", "q_capacity": "yes", "q_consent": "yes"}
	e.post(form)
	want := []string{"alex said: because reasons", "alex said: consent capacity=yes consent=yes"}
	if got := e.texts("a:dm-aad-alex"); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	inv := e.personal("alex", "")
	inv["type"], inv["name"] = "invoke", invokeCardAction
	inv["value"] = map[string]any{"action": map[string]any{"type": "Action.Execute", "data": map[string]any{keyCommand: "secret"}}}
	resp := e.post(inv)
	var ir invokeResponse
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &ir); err != nil || resp.StatusCode != 200 || ir.StatusCode != 200 ||
		ir.Type != invokeTypeMsg || ir.Value != "only for alex" {
		t.Errorf("invoke answer %d %s (%v)", resp.StatusCode, body, err)
	}
	if got := e.texts("a:dm-aad-alex"); len(got) != 2 {
		t.Errorf("private answer to an invoke was also posted: %q", got)
	}

	pub := e.personal("alex", "")
	pub["type"], pub["name"] = "invoke", invokeCardAction
	pub["value"] = map[string]any{"action": map[string]any{"type": "Action.Execute", "data": map[string]any{keyCommand: "echo pressed"}}}
	body, _ = io.ReadAll(e.post(pub).Body)
	if err := json.Unmarshal(body, &ir); err != nil || ir.Value != "Done." {
		t.Errorf("invoke with a public reply answered %s", body)
	}
	if got := e.texts("a:dm-aad-alex"); len(got) != 3 || got[2] != "alex said: pressed" {
		t.Errorf("public reply to an invoke not delivered: %q", got)
	}

	other := e.personal("alex", "")
	other["type"], other["name"] = "invoke", "composeExtension/query"
	if r := e.post(other); r.StatusCode != http.StatusNotImplemented {
		t.Errorf("unknown invoke: status %d, want 501", r.StatusCode)
	}
}

func TestPrivateRepliesInChannelsGoByDM(t *testing.T) {
	e := newEnv(t)
	e.post(e.personal("alex", "hello")) // alex's DM is now known
	e.post(e.inChannel("alex", "19:x@thread.tacv2;messageid=5", "secret"))
	if got := e.texts("a:dm-aad-alex"); len(got) != 2 || got[1] != "only for alex" {
		t.Errorf("DM got %q", got)
	}
	if got := e.texts("19:x@thread.tacv2;messageid=5"); len(got) != 0 {
		t.Errorf("private reply leaked into the channel: %q", got)
	}
}

// When the bot cannot reach someone privately (the app is not installed
// for them and cannot be), the channel gets a content-free line, never the
// private reply.
func TestPrivateReplyUnreachableStaysOutOfTheChannel(t *testing.T) {
	e := newEnv(t)
	e.graph.SetNoCatalog(true)
	conv := "19:x@thread.tacv2;messageid=5"
	e.post(e.inChannel("bea", conv, "secret"))
	got := e.texts(conv)
	if len(got) != 1 || strings.Contains(got[0], "only for") || !strings.Contains(got[0], "could not reach @bea privately") {
		t.Errorf("channel got %q, want one content-free line", got)
	}
}

func TestConnectorRetriesOn429(t *testing.T) {
	e := newEnv(t)
	e.conn.ThrottleNext("POST /v3/conversations/a:dm-aad-alex/activities", 1)
	e.post(e.personal("alex", "echo again"))
	if got := e.texts("a:dm-aad-alex"); len(got) != 1 || got[0] != "alex said: again" {
		t.Fatalf("got %q", got)
	}
	if w := e.waits(); !slices.Equal(w, []time.Duration{2 * time.Second}) {
		t.Errorf("waited %v, want [2s] from Retry-After", w)
	}
}

// TestMalformedRequests: the token is checked before the body is read (an
// unauthenticated body, however large or broken, gets 401); an
// authenticated one is refused when it is not an activity or over MaxInbound.
func TestMalformedRequests(t *testing.T) {
	e := newEnv(t)
	good := "Bearer " + e.token(e.personal("alex", "hi"))
	big := `{"type":"message","text":"` + strings.Repeat("x", MaxInbound) + `"}`
	tests := []struct {
		name, auth, body string
		want             int
	}{
		{"not json", good, "{", http.StatusBadRequest},
		{"no type", good, `{"id":"1"}`, http.StatusBadRequest},
		{"too large", good, big, http.StatusRequestEntityTooLarge},
		{"no token, broken body", "", "{", http.StatusUnauthorized},
		{"no token, too large", "", big, http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/messages", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	if r, _ := http.Get(e.srv.URL + "/api/messages"); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d", r.StatusCode)
	}
}

func TestCloseDrainsAndRefuses(t *testing.T) {
	e := newEnv(t)
	release := e.conn.Hold()
	a := e.personal("alex", "echo before close")
	if r := e.postWith(a, "Bearer "+e.token(a), false); r.StatusCode != http.StatusOK {
		t.Fatalf("status %d", r.StatusCode)
	}
	closed := make(chan struct{})
	go func() { e.a.Close(); close(closed) }()
	select {
	case <-closed:
		t.Fatal("Close returned while a reply was still being sent")
	case <-time.After(100 * time.Millisecond):
	}
	release()
	<-closed
	if got := e.texts("a:dm-aad-alex"); len(got) != 1 {
		t.Errorf("in-flight message not finished by Close: %q", got)
	}
	if r := e.post(e.personal("alex", "echo after close")); r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after Close: status %d, want 503", r.StatusCode)
	}
}
