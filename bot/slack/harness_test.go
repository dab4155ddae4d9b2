package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/apptest"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// harness is the adapter on a real loopback listener, a real redis-server
// and the fake Slack API, with a small registry of test commands. The
// directory and store come from internal/apptest; the kernel is built here
// with the test commands, since the adapter, not the handlers, is under test.
type harness struct {
	t     testing.TB
	fake  *fakeSlack
	a     *Adapter
	store *state.Store
	rdb   *redis.Client // the raw client under store, to read keys
	url   string
	count atomic.Int64 // how many times "count" ran
	seq   atomic.Int64
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	return newHarnessWith(t, func(*Options) {})
}

// newHarnessWith lets a test adjust the adapter's options first.
func newHarnessWith(t testing.TB, adjust func(*Options)) *harness {
	t.Helper()
	base := apptest.New(t, apptest.Options{}) // the example directory and a store on a real redis-server
	h := &harness{t: t, fake: newFakeSlack(t), store: base.Store, rdb: base.Redis.Client()}
	dir := base.Directory
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	b := bot.New(bot.Options{Registry: h.registry(), Directory: dir, Memory: h.store, Log: log})
	opt := Options{
		Config: Settings{SlackBotToken: "xoxb-test", SlackSigningSecret: testSecret, SlackAPIURL: h.fake.URL()},
		Bot:    b, Store: h.store, Log: log, Workers: 4, Queue: 256,
		Retry: RetryPolicy{Base: 5 * time.Millisecond, Max: 20 * time.Millisecond},
	}
	adjust(&opt)
	var err error
	h.a, err = New(opt)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	h.a.Routes(mux)
	hs := httptest.NewServer(mux)
	t.Cleanup(func() { hs.Close(); h.a.Close() })
	h.url = hs.URL
	return h
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// registry holds commands that exercise every part of the Platform.
func (h *harness) registry() *bot.Registry {
	reg := bot.NewRegistry()
	reply := func(f func(r *bot.Request) []bot.Message) bot.Handler {
		return func(_ context.Context, r *bot.Request) ([]bot.Message, error) { return f(r), nil }
	}
	reg.Add(
		&bot.Command{Name: "help", MaxArgs: -1, Run: reply(func(*bot.Request) []bot.Message { return []bot.Message{bot.Text("help text")} })},
		&bot.Command{Name: "echo", MaxArgs: -1, Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{bot.Text("echo: " + r.Tail(0) + " from @" + r.Actor.Handle)}
		})},
		&bot.Command{Name: "ask", MinArgs: 1, MaxArgs: -1, Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{{Kind: bot.KindAnswer, Title: "Sharing information", Text: "Yes, with consent.",
				Fields: []bot.Field{{Label: "Next step", Value: "Record consent"}}, Context: "Rule share.consent · guidance"}}
		})},
		&bot.Command{Name: "oops", Run: reply(func(*bot.Request) []bot.Message {
			return []bot.Message{{Kind: bot.KindError, Text: "that went wrong"}}
		})},
		&bot.Command{Name: "count", Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{bot.Private("", fmt.Sprintf("count %d", h.count.Add(1)))}
		})},
		&bot.Command{Name: "open", MinArgs: 1, MaxArgs: 1, Run: h.open, Slow: true},
		&bot.Command{Name: "invite", MinArgs: 1, MaxArgs: -1, Run: h.platformCall(func(ctx context.Context, r *bot.Request) error {
			var hs []string
			for _, a := range r.Args {
				hs = append(hs, strings.TrimPrefix(a, "@"))
			}
			return r.Platform.Invite(ctx, r.Event.Place.Channel, hs...)
		})},
		&bot.Command{Name: "remove", MinArgs: 1, MaxArgs: 1, Run: h.platformCall(func(ctx context.Context, r *bot.Request) error {
			return r.Platform.Remove(ctx, r.Event.Place.Channel, strings.TrimPrefix(r.Arg(0), "@"))
		})},
		&bot.Command{Name: "close", Run: h.platformCall(func(ctx context.Context, r *bot.Request) error {
			return r.Platform.Archive(ctx, r.Event.Place.Channel)
		})},
		&bot.Command{Name: "decide", Run: reply(func(*bot.Request) []bot.Message {
			return []bot.Message{{Text: "Request R1 from @alex", Buttons: []bot.Button{
				{Label: "Accept", Command: "request accept R1", Style: "primary"},
				{Label: "Decline", Command: "request decline R1", Style: "danger", Input: &bot.Input{Label: "Reasons", Placeholder: "Why not"}},
			}}}
		})},
		&bot.Command{Name: "request accept", MinArgs: 1, MaxArgs: 1, Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{bot.Text("accepted " + r.Arg(0))}
		})},
		&bot.Command{Name: "request decline", MinArgs: 2, MaxArgs: -1, Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{bot.Text("declined " + r.Arg(0) + " because " + r.Tail(1))}
		})},
		&bot.Command{Name: "consent", MaxArgs: -1, Run: reply(func(r *bot.Request) []bot.Message {
			if len(r.Args) > 0 {
				return []bot.Message{bot.Text("consent recorded: " + r.Tail(0))}
			}
			return []bot.Message{{Text: "A few questions first.", Form: &bot.Form{Title: "Consent", Command: "consent",
				Questions: []bot.Question{
					{Key: "capacity", Text: "Does the person have capacity?", Options: []bot.Option{{Value: "yes", Label: "Yes"}, {Value: "no", Label: "No"}}},
					{Key: "note", Text: "Anything else?"},
				}}}}
		})},
		&bot.Command{Name: "dm", MinArgs: 2, MaxArgs: -1, Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{{To: bot.Target{Kind: bot.ToDM, User: strings.TrimPrefix(r.Arg(0), "@")}, Kind: bot.KindPing, Title: "Escalation", Text: r.Tail(1)}}
		})},
		&bot.Command{Name: "record", Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Text: "The record.", File: &bot.File{Name: "c101.md", Type: "text/markdown", Content: []byte("# c101\n- opened\n")}}}
		})},
		&bot.Command{Name: "home", Hidden: true, Run: reply(func(r *bot.Request) []bot.Message {
			return []bot.Message{{Title: "My tasks", Text: "T1 home visit", Buttons: []bot.Button{{Label: "Done", Command: "echo done T1"}}}}
		})},
	)
	return reg
}

// open creates a case channel, invites the actor, posts and pins a card.
func (h *harness) open(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	p := r.Platform
	ch, err := p.CreateChannel(ctx, "jw-"+r.Arg(0), "Case "+r.Arg(0))
	if err != nil {
		return nil, err
	}
	if err := p.Invite(ctx, ch.ID, r.Actor.Handle); err != nil {
		return nil, err
	}
	ref, err := p.Send(ctx, bot.Message{To: bot.Target{Kind: bot.ToChannel, Channel: ch.ID}, Kind: bot.KindCard,
		Title: "Case " + r.Arg(0), Fields: []bot.Field{{Label: "Lead", Value: "@" + r.Actor.Handle}}})
	if err != nil {
		return nil, err
	}
	if err := p.Pin(ctx, ref); err != nil {
		return nil, err
	}
	return []bot.Message{bot.Private(r.Actor.Handle, "opened #"+ch.Name+" "+ch.ID)}, nil
}

func (h *harness) platformCall(f func(ctx context.Context, r *bot.Request) error) bot.Handler {
	return func(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
		if err := f(ctx, r); err != nil {
			return nil, fmt.Errorf("%s: %w", r.Command.Name, err)
		}
		return []bot.Message{bot.Text(r.Command.Name + " done")}, nil
	}
}

// sign returns Slack's signature headers for body at time ts.
func sign(body []byte, ts time.Time, secret string) http.Header {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", stamp)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return h
}

// post sends a signed request and returns the status and body.
func (h *harness) post(path, contentType string, body []byte, hdr http.Header) (int, string) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.url+path, strings.NewReader(string(body)))
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("post %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (h *harness) postSigned(path, contentType string, body []byte) (int, string) {
	return h.post(path, contentType, body, sign(body, time.Now(), testSecret))
}

// slash sends /jointwork TEXT as user in channel and waits until handled.
func (h *harness) slash(user, channel, text string) (int, string) {
	h.t.Helper()
	form := slashForm(user, channel, text, fmt.Sprintf("trig-%d", h.seq.Add(1)), h.fake.responseURL("r1"))
	code, body := h.postSigned(PathCommands, "application/x-www-form-urlencoded", []byte(form.Encode()))
	h.idle()
	return code, body
}

func slashForm(user, channel, text, trigger, responseURL string) url.Values {
	return url.Values{"command": {"/jointwork"}, "text": {text}, "user_id": {user}, "channel_id": {channel},
		"channel_name": {"case"}, "trigger_id": {trigger}, "response_url": {responseURL}, "team_id": {"T1"}}
}

// eventBody builds an Events API callback.
func eventBody(id string, event map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": id, "team_id": "T1",
		"authorizations": []map[string]any{{"user_id": botUser, "is_bot": true}}, "event": event})
	return b
}

// event posts a signed event and waits until it is handled.
func (h *harness) event(id string, event map[string]any) (int, string) {
	h.t.Helper()
	code, body := h.postSigned(PathEvents, "application/json", eventBody(id, event))
	h.idle()
	return code, body
}

// interact posts a signed interactivity payload and waits.
func (h *harness) interact(payload any) (int, string) {
	h.t.Helper()
	raw, _ := json.Marshal(payload)
	form := url.Values{"payload": {string(raw)}}
	code, body := h.postSigned(PathInteractivity, "application/x-www-form-urlencoded", []byte(form.Encode()))
	h.idle()
	return code, body
}

// idle waits until the adapter has no queued or running work.
func (h *harness) idle() {
	h.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for h.a.Pending() > 0 {
		if time.Now().After(deadline) {
			h.t.Fatalf("adapter still busy after a minute (%d pending)", h.a.Pending())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// lastArgs returns the arguments of the last call of method.
func (h *harness) lastArgs(method string) map[string]string {
	h.t.Helper()
	calls := h.fake.callsOf(method)
	if len(calls) == 0 {
		h.t.Fatalf("no %s call", method)
	}
	return calls[len(calls)-1].Args
}
