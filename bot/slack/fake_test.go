package slack

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"

	"github.com/jointwork/jointwork/internal/slackhistory"
)

// fakeSlack is slack-go's slacktest server with handlers of our own for
// every method the adapter calls, keeping a small workspace in memory:
// users, channels with members, posted messages, views and files.
type fakeSlack struct {
	srv *slacktest.Server
	mu  sync.Mutex
	seq int

	users    map[string]string // slack id → e-mail
	channels map[string]*fakeChannel
	calls    []fakeCall
	fails    map[string][]fakeFail // method → failures to return first
	hits     map[string]int        // method → calls received
	webhooks []map[string]any      // response_url posts
	socket   http.HandlerFunc      // the Socket Mode WebSocket endpoint, when set
	uploads  []string              // raw bodies of file uploads
	posted   slackhistory.Log      // chat.postMessage messages taken, in order
}

type fakeChannel struct {
	id, name, topic string
	private         bool
	archived        bool
	members         map[string]bool
	pins            []string
}

// fakeCall is one API call as received: the method and its arguments
// (form values, or the JSON body's top-level fields as strings).
type fakeCall struct {
	Method string
	Args   map[string]string
}

// fakeFail is an answer to give instead of the real one.
type fakeFail struct {
	status     int    // HTTP status (0 = 200)
	retryAfter string // Retry-After header
	code       string // Slack error code for an ok:false answer
}

const botUser = "UBOT"

func newFakeSlack(t testing.TB) *fakeSlack {
	t.Helper()
	f := &fakeSlack{
		users: map[string]string{
			"U1": "alex@council.example", "U2": "bea@council.example", "U3": "chris@nhs.example",
			"U4": "dana@nhs.example", "U9": "stranger@elsewhere.example", botUser: "",
		},
		channels: map[string]*fakeChannel{},
		posted:   slackhistory.Log{User: botUser},
		fails:    map[string][]fakeFail{},
		hits:     map[string]int{},
	}
	f.srv = slacktest.NewTestServer(func(c slacktest.Customize) {
		for method, h := range f.handlers() {
			c.Handle("/"+method, f.wrap(method, h))
		}
		c.Handle("/upload/", f.upload)
		c.Handle("/response/", f.wrap("response_url", f.webhook))
		c.Handle("/sm", func(w http.ResponseWriter, r *http.Request) {
			f.mu.Lock()
			h := f.socket
			f.mu.Unlock()
			if h == nil {
				http.NotFound(w, r)
				return
			}
			h(w, r)
		})
	})
	f.srv.Start()
	t.Cleanup(f.srv.Stop)
	return f
}

// URL is the base to give as SLACK_API_URL.
func (f *fakeSlack) URL() string { return strings.TrimRight(f.srv.GetAPIURL(), "/") }

// responseURL returns a response_url served by the fake.
func (f *fakeSlack) responseURL(id string) string { return f.URL() + "/response/" + id }

// failNext makes the next calls of method fail as given, in order.
func (f *fakeSlack) failNext(method string, fails ...fakeFail) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fails[method] = append(f.fails[method], fails...)
}

// callsOf returns the recorded calls of one method.
func (f *fakeSlack) callsOf(method string) []fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeCall
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeSlack) hitCount(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[method]
}

func (f *fakeSlack) channel(id string) *fakeChannel {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.channels[id]
}

// addChannel creates a channel the bot may or may not be in.
func (f *fakeSlack) addChannel(id, name string, members ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := &fakeChannel{id: id, name: name, members: map[string]bool{}}
	for _, m := range members {
		c.members[m] = true
	}
	f.channels[id] = c
}

// wrap records the call, applies queued failures, and writes the answer.
func (f *fakeSlack) wrap(method string, h func(map[string]string) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		args := readArgs(r)
		f.mu.Lock()
		f.hits[method]++
		var fail *fakeFail
		if q := f.fails[method]; len(q) > 0 {
			fail, f.fails[method] = &q[0], q[1:]
		}
		if fail == nil {
			f.calls = append(f.calls, fakeCall{Method: method, Args: args})
		}
		f.mu.Unlock()
		if fail != nil {
			writeFail(w, *fail)
			return
		}
		f.mu.Lock()
		res := h(args)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(res)
	}
}

func writeFail(w http.ResponseWriter, ff fakeFail) {
	if ff.retryAfter != "" {
		w.Header().Set("Retry-After", ff.retryAfter)
	}
	if ff.status != 0 {
		w.WriteHeader(ff.status)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": ff.code})
}

func readArgs(r *http.Request) map[string]string {
	raw, _ := io.ReadAll(r.Body)
	args := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		for k, v := range m {
			if s, ok := v.(string); ok {
				args[k] = s
				continue
			}
			b, _ := json.Marshal(v)
			args[k] = string(b)
		}
		return args
	}
	vals, _ := url.ParseQuery(string(raw))
	for k := range vals {
		args[k] = vals.Get(k)
	}
	return args
}

func ok(fields map[string]any) map[string]any {
	if fields == nil {
		fields = map[string]any{}
	}
	fields["ok"] = true
	return fields
}

func failed(code string) map[string]any { return map[string]any{"ok": false, "error": code} }

// handlers are called with f.mu held.
func (f *fakeSlack) handlers() map[string]func(map[string]string) any {
	return map[string]func(map[string]string) any{
		"apps.connections.open": func(map[string]string) any {
			return ok(map[string]any{"url": "ws://" + f.srv.ServerAddr + "/sm"})
		},
		"auth.test":                    func(map[string]string) any { return ok(map[string]any{"user_id": botUser, "team_id": "T1"}) },
		"users.info":                   f.usersInfo,
		"users.lookupByEmail":          f.lookupByEmail,
		"conversations.open":           f.open,
		"conversations.create":         f.create,
		"conversations.setTopic":       f.setTopic,
		"conversations.invite":         f.invite,
		"conversations.kick":           f.kick,
		"conversations.members":        f.members,
		"conversations.archive":        f.archive,
		"conversations.list":           f.list,
		"chat.postMessage":             f.postMessage,
		"conversations.history":        f.history,
		"conversations.replies":        f.replies,
		"chat.postEphemeral":           f.postEphemeral,
		"chat.update":                  f.update,
		"pins.add":                     f.pin,
		"views.open":                   func(map[string]string) any { return ok(map[string]any{"view": map[string]any{"id": "V1"}}) },
		"views.publish":                func(map[string]string) any { return ok(map[string]any{"view": map[string]any{"id": "V2"}}) },
		"files.getUploadURLExternal":   f.uploadURL,
		"files.completeUploadExternal": f.completeUpload,
	}
}

func (f *fakeSlack) usersInfo(a map[string]string) any {
	email, found := f.users[a["user"]]
	if !found {
		return failed("user_not_found")
	}
	return ok(map[string]any{"user": map[string]any{"id": a["user"], "is_bot": a["user"] == botUser,
		"profile": map[string]any{"email": email}}})
}

func (f *fakeSlack) lookupByEmail(a map[string]string) any {
	for id, email := range f.users {
		if email != "" && strings.EqualFold(email, a["email"]) {
			return ok(map[string]any{"user": map[string]any{"id": id, "profile": map[string]any{"email": email}}})
		}
	}
	return failed("users_not_found")
}

func (f *fakeSlack) open(a map[string]string) any {
	return ok(map[string]any{"channel": map[string]any{"id": "D" + a["users"]}})
}

func (f *fakeSlack) create(a map[string]string) any {
	for _, c := range f.channels {
		if c.name == a["name"] {
			return failed("name_taken")
		}
	}
	f.seq++
	c := &fakeChannel{id: fmt.Sprintf("G%03d", f.seq), name: a["name"], private: a["is_private"] == "true",
		members: map[string]bool{botUser: true}}
	f.channels[c.id] = c
	return ok(map[string]any{"channel": map[string]any{"id": c.id, "name": c.name, "is_private": c.private}})
}

func (f *fakeSlack) member(ch string) (*fakeChannel, map[string]any) {
	c := f.channels[ch]
	switch {
	case c == nil:
		return nil, failed("channel_not_found")
	case c.archived:
		return nil, failed("is_archived")
	case !c.members[botUser]:
		return nil, failed("not_in_channel")
	}
	return c, nil
}

func (f *fakeSlack) members(a map[string]string) any {
	c, bad := f.member(a["channel"])
	if bad != nil {
		return bad
	}
	ids := make([]string, 0, len(c.members))
	for id, in := range c.members {
		if in {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ok(map[string]any{"members": ids, "response_metadata": map[string]any{"next_cursor": ""}})
}

func (f *fakeSlack) setTopic(a map[string]string) any {
	c, bad := f.member(a["channel"])
	if bad != nil {
		return bad
	}
	c.topic = a["topic"]
	return ok(map[string]any{"channel": map[string]any{"id": c.id}})
}

func (f *fakeSlack) invite(a map[string]string) any {
	c, bad := f.member(a["channel"])
	if bad != nil {
		return bad
	}
	ids := strings.Split(a["users"], ",")
	for _, id := range ids {
		if c.members[id] {
			return failed("already_in_channel")
		}
		if _, known := f.users[id]; !known {
			return failed("user_not_found")
		}
	}
	for _, id := range ids {
		c.members[id] = true
	}
	return ok(map[string]any{"channel": map[string]any{"id": c.id}})
}

func (f *fakeSlack) kick(a map[string]string) any {
	c, bad := f.member(a["channel"])
	if bad != nil {
		return bad
	}
	if !c.members[a["user"]] {
		return failed("not_in_channel")
	}
	delete(c.members, a["user"])
	return ok(nil)
}

// list answers conversations.list for private channels the bot is in, a
// page of limit at a time (the cursor is the offset), sorted by id.
func (f *fakeSlack) list(a map[string]string) any {
	var ids []string
	for id, c := range f.channels {
		if c.private && c.members[botUser] && !(c.archived && a["exclude_archived"] == "true") {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	from, _ := strconv.Atoi(a["cursor"])
	limit, _ := strconv.Atoi(a["limit"])
	if limit <= 0 {
		limit = 100
	}
	to, next := min(from+limit, len(ids)), ""
	if to < len(ids) {
		next = strconv.Itoa(to)
	}
	page := []map[string]any{}
	for _, id := range ids[min(from, len(ids)):to] {
		c := f.channels[id]
		page = append(page, map[string]any{"id": c.id, "name": c.name, "is_private": true, "is_archived": c.archived})
	}
	return ok(map[string]any{"channels": page, "response_metadata": map[string]any{"next_cursor": next}})
}

func (f *fakeSlack) archive(a map[string]string) any {
	c := f.channels[a["channel"]]
	if c == nil {
		return failed("channel_not_found")
	}
	if c.archived {
		return failed("already_archived")
	}
	c.archived = true
	return ok(nil)
}

// postable checks the bot may post in a channel; DMs ("D…") always work.
func (f *fakeSlack) postable(ch string) map[string]any {
	if strings.HasPrefix(ch, "D") {
		return nil
	}
	_, bad := f.member(ch)
	return bad
}

func (f *fakeSlack) ts() string {
	f.seq++
	return strconv.FormatInt(time.Now().Unix(), 10) + fmt.Sprintf(".%06d", f.seq)
}

func (f *fakeSlack) postMessage(a map[string]string) any {
	if bad := f.postable(a["channel"]); bad != nil {
		return bad
	}
	ts := f.ts()
	f.posted.Keep(arg(a), ts)
	return ok(map[string]any{"channel": a["channel"], "ts": ts})
}

func (f *fakeSlack) postEphemeral(a map[string]string) any {
	if bad := f.postable(a["channel"]); bad != nil {
		return bad
	}
	return ok(map[string]any{"message_ts": f.ts()})
}

func (f *fakeSlack) update(a map[string]string) any {
	if bad := f.postable(a["channel"]); bad != nil {
		return bad
	}
	return ok(map[string]any{"channel": a["channel"], "ts": a["ts"]})
}

func (f *fakeSlack) pin(a map[string]string) any {
	c, bad := f.member(a["channel"])
	if bad != nil {
		return bad
	}
	for _, p := range c.pins {
		if p == a["timestamp"] {
			return failed("already_pinned")
		}
	}
	c.pins = append(c.pins, a["timestamp"])
	return ok(nil)
}

func (f *fakeSlack) uploadURL(a map[string]string) any {
	f.seq++
	id := fmt.Sprintf("F%03d", f.seq)
	return ok(map[string]any{"upload_url": f.URL() + "/upload/" + id, "file_id": id})
}

func (f *fakeSlack) completeUpload(a map[string]string) any {
	if bad := f.postable(a["channel_id"]); bad != nil {
		return bad
	}
	var files []map[string]any
	_ = json.Unmarshal([]byte(a["files"]), &files)
	return ok(map[string]any{"files": files})
}

// upload receives a file's bytes (multipart) at an upload URL.
func (f *fakeSlack) upload(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.hits["upload"]++
	f.uploads = append(f.uploads, string(raw))
	f.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (f *fakeSlack) webhook(a map[string]string) any {
	m := map[string]any{}
	for k, v := range a {
		m[k] = v
	}
	f.webhooks = append(f.webhooks, m)
	return ok(nil)
}

func (f *fakeSlack) webhookCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.webhooks)
}
