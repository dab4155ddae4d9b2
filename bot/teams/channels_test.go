package teams

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/teams/teamstest"
)

func TestCaseChannelThroughGraph(t *testing.T) {
	e := newEnv(t)
	e.post(e.personal("alex", "case open c101"))
	const ch = "19:case1@thread.tacv2"

	create := e.graph.Exact("POST", "/v1.0/teams/team-1/channels")
	if len(create) != 1 {
		t.Fatalf("channel create calls: %d", len(create))
	}
	b := create[0].Body
	if b["displayName"] != "jw-c101" || b["membershipType"] != "private" || teamstest.BindID(b["members"]) != "aad-alex" {
		t.Errorf("create body %v", b)
	}
	if m := e.graph.Members(ch); !slices.Equal(m, []string{"mem-aad-alex", "mem-aad-bea", "mem-aad-chris"}) {
		t.Errorf("channel members %v", m)
	}
	if n := len(e.graph.Exact("GET", "/v1.0/users")); n != 1 {
		t.Errorf("%d searches by mail, want 1 (chris is a guest whose UPN is not his e-mail)", n)
	}
	if n := len(e.graph.Exact("POST", "/v1.0/teams/team-1/members")); n != 2 {
		t.Errorf("%d team joins, want 2 (private channels admit team members only)", n)
	}
	posts := e.conn.Matching("POST /v3/conversations/" + ch)
	if len(posts) != 2 || !strings.Contains(teamstest.ActivityText(posts[0].Body), "Consent: not recorded") {
		t.Fatalf("channel posts %+v", posts)
	}
	if posts[1].Conv != ch+";messageid=m1" || posts[1].Reply != "m1" || teamstest.ActivityText(posts[1].Body) != "first task" {
		t.Errorf("thread reply went to %q/%q", posts[1].Conv, posts[1].Reply)
	}
	puts := e.conn.Matching("PUT /v3/conversations/")
	if len(puts) != 1 || puts[0].Conv != ch || puts[0].Reply != "m1" || !strings.Contains(teamstest.ActivityText(puts[0].Body), "Consent: permitted") {
		t.Errorf("card update %+v", puts)
	}
	if got := e.texts("a:dm-aad-alex"); len(got) != 1 || got[0] != "opened jw-c101" {
		t.Errorf("opener told %q", got)
	}

	e.post(e.inChannel("alex", ch+";messageid=m1", "remove @chris"))
	if m := e.graph.Members(ch); slices.Contains(m, "mem-aad-chris") || len(m) != 2 {
		t.Errorf("after remove: %v", m)
	}
	e.post(e.inChannel("alex", ch+";messageid=m1", "case close"))
	if n := len(e.graph.Matching("POST /v1.0/teams/team-1/channels/" + ch + "/archive")); n != 1 {
		t.Errorf("archive calls %d", n)
	}
}

func TestCaseChannelFallbacks(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(e *env)
		opts     []envOption
		want     string // the opener's reply
		wantChat bool
	}{
		{"name taken", func(e *env) { e.graph.SetChannel("jw-c101", "19:old@thread.tacv2") }, nil,
			"jw-c101 is taken", false},
		{"private channel limit", func(e *env) { e.graph.SetLimitReached(true) }, nil,
			"opened jw-c101 The case team has reached its limit", true},
		{"no team configured", func(*env) {}, []envOption{func(c *Settings) { c.TeamsTeamID = "" }},
			"opened jw-c101 Teams is not set up with a team", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.opts...)
			tc.setup(e)
			e.post(e.personal("alex", "case open c101"))
			got := e.texts("a:dm-aad-alex")
			if len(got) != 1 || !strings.Contains(got[0], tc.want) {
				t.Fatalf("reply %q, want %q", got, tc.want)
			}
			chats := e.graph.Matching("POST /v1.0/chats")
			if !tc.wantChat {
				if len(chats) != 0 {
					t.Errorf("unexpected chat: %+v", chats)
				}
				return
			}
			const chat = "19:chat1@thread.v2"
			if len(chats) < 1 || chats[0].Body["chatType"] != "group" || chats[0].Body["topic"] != "jw-c101" {
				t.Fatalf("chat create %+v", chats)
			}
			if n := len(e.graph.Matching("POST /v1.0/chats/" + chat + "/installedApps")); n != 1 {
				t.Errorf("app installs in chat: %d", n)
			}
			if m := e.graph.Members(chat); !slices.Equal(m, []string{"mem-aad-alex", "mem-aad-bea", "mem-aad-chris"}) {
				t.Errorf("chat members %v", m)
			}
			posts := e.conn.Matching("POST /v3/conversations/" + chat + "/activities")
			if len(posts) != 2 || posts[1].Conv != chat {
				t.Errorf("chat posts (no threads in chats) %+v", posts)
			}
		})
	}
}

func TestGraphRetriesOn429(t *testing.T) {
	e := newEnv(t)
	e.graph.ThrottleNext("POST /v1.0/teams/team-1/channels", 2)
	e.post(e.personal("alex", "case open c102"))
	if got := e.texts("a:dm-aad-alex"); len(got) != 1 || got[0] != "opened jw-c102" {
		t.Fatalf("reply %q", got)
	}
	if w := e.waits(); !slices.Equal(w, []time.Duration{2 * time.Second, 2 * time.Second}) {
		t.Errorf("waits %v, want two Retry-After waits of 2s", w)
	}
}

func TestProactiveDMs(t *testing.T) {
	e := newEnv(t)
	// dana never talked to the bot: the connector refuses until the app is
	// installed for her through Graph.
	e.post(e.personal("alex", "ping @dana the request R7 is overdue"))
	dm := e.conn.Matching("POST /v3/conversations/a:dm-aad-dana/activities")
	if len(dm) != 1 || !strings.Contains(teamstest.ActivityText(dm[0].Body), "the request R7 is overdue") {
		t.Fatalf("dana's DM %+v", dm)
	}
	if n := len(e.graph.Matching("POST /v1.0/users/aad-dana/teamwork/installedApps")); n != 1 {
		t.Errorf("installs for dana: %d", n)
	}
	if n := len(e.conn.Creations()); n != 2 {
		t.Errorf("conversation creations %d, want 2 (refused, then after the install)", n)
	}
	body := dm[0].Body["attachments"].([]any)[0].(map[string]any)["content"].(map[string]any)
	if acts := body["actions"].([]any); len(acts) != 2 || acts[0].(map[string]any)["style"] != "positive" {
		t.Errorf("ping buttons %v", acts)
	}

	// A second replica on the same Redis, after bea wrote to the first,
	// DMs her from the stored reference without creating a conversation.
	e.post(e.personal("bea", "echo hi"))
	creates := len(e.conn.Creations())
	replica := e.newAdapter(e.config())
	if _, err := replica.Send(t.Context(), pingTo("bea")); err != nil {
		t.Fatal(err)
	}
	if got := e.texts("a:dm-aad-bea"); len(got) != 2 || !strings.Contains(got[1], "Escalation") {
		t.Errorf("bea's DMs %q", got)
	}
	if n := len(e.conn.Creations()); n != creates {
		t.Errorf("replica created a conversation although a reference was stored")
	}
}

func pingTo(h string) bot.Message {
	return bot.Message{To: bot.Target{Kind: bot.ToDM, User: h}, Kind: bot.KindPing, Title: "Escalation", Text: "task T3 is overdue"}
}

func TestDMToSomeoneUnreachable(t *testing.T) {
	tests := []struct {
		name  string
		setup func(e *env)
		to    string
		want  []string
	}{
		{"not in Entra ID", func(*env) {}, "morgan", []string{"cannot message @morgan", "no user with that e-mail"}},
		{"app not in the catalog", func(e *env) { e.graph.SetNoCatalog(true) }, "dana",
			[]string{"@dana has never used jointwork in Teams", "app catalog", "ask them to add the jointwork app"}},
		{"not in the directory", func(*env) {}, "zed", []string{"cannot message @zed", "not in the directory"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			tc.setup(e)
			e.post(e.personal("alex", "hello")) // the bot has seen its service URL
			_, err := e.a.Send(t.Context(), pingTo(tc.to))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
