package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

// Synthetic people: alex has a teams_id, the others only an e-mail address.
const testDirectory = `
people:
  - {handle: alex, name: Alex Example, agency: county-council, role: social worker, manager: morgan, email: alex@council.example, teams_id: aad-alex}
  - {handle: bea, name: Bea Example, agency: county-council, role: occupational therapist, manager: morgan, email: bea@council.example}
  - {handle: chris, name: Chris Example, agency: nhs-community-trust, role: district nurse, manager: dana, email: chris@nhs.example}
  - {handle: morgan, name: Morgan Example, agency: county-council, role: team manager, email: morgan@council.example}
  - {handle: dana, name: Dana Example, agency: nhs-community-trust, role: team manager, email: dana@nhs.example}
`

// env is a bot on loopback: real Redis, the adapter's HTTP endpoint, and
// fake issuer, connector and Graph servers.
type env struct {
	t     testing.TB
	iss   *fakeIssuer
	conn  *fakeConnector
	graph *fakeGraph
	redis *redistest.Server
	store *state.Store
	dir   *directory.Directory
	bot   *bot.Bot
	a     *Adapter
	srv   *httptest.Server
	now   time.Time
	seq   atomic.Int64

	mu     sync.Mutex
	sleeps []time.Duration
}

type envOption func(*config.Teams)

func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	e := newFakes(t)
	dir, err := directory.Parse([]byte(testDirectory))
	if err != nil {
		t.Fatal(err)
	}
	store := state.New(e.redis.Client(), state.Options{})
	e.mount(bot.New(bot.Options{Registry: testRegistry(), Directory: dir, Memory: store, Log: quietLog()}), dir, store, opts...)
	return e
}

// newFakes starts Redis and the fake servers; Graph and the connector's
// roster know the synthetic people as aad-<handle> and 29:<handle>.
func newFakes(t testing.TB) *env {
	t.Helper()
	e := &env{t: t, now: time.Now()}
	e.iss = newFakeIssuer(t)
	e.graph = newFakeGraph(t)
	e.conn = newFakeConnector(t, e.graph.installedFor)
	for _, h := range []string{"alex", "bea", "chris", "dana", "eve"} {
		mail := h + "@council.example"
		if h == "chris" || h == "dana" {
			mail = h + "@nhs.example"
		}
		upn := mail
		if h == "chris" || h == "dana" { // guests from the NHS tenant: UPN differs from mail
			upn = h + "_nhs.example#EXT#@council.onmicrosoft.example"
		}
		e.graph.addUser("aad-"+h, mail, upn)
		e.conn.members["29:"+h] = profile{AadObjectID: "aad-" + h, Email: mail}
	}
	e.redis = redistest.Start(t)
	return e
}

// mount builds the adapter around a bot and serves /api/messages.
func (e *env) mount(b *bot.Bot, dir *directory.Directory, store *state.Store, opts ...envOption) {
	e.bot, e.dir, e.store = b, dir, store
	e.a = e.newAdapter(e.config(opts...))
	mux := http.NewServeMux()
	e.a.Routes(mux)
	e.srv = httptest.NewServer(mux)
	e.t.Cleanup(e.srv.Close)
	e.t.Cleanup(e.a.Close)
}

func (e *env) config(opts ...envOption) config.Teams {
	c := config.Teams{
		MicrosoftAppID: testAppID, MicrosoftAppPassword: "s3cret", MicrosoftAppTenantID: testTenant,
		TeamsTeamID: "team-1", GraphURL: e.graph.URL + "/v1.0",
		BotOpenIDURL: e.iss.URL + "/openid", BotTokenURL: e.iss.URL + "/token",
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// newAdapter builds an adapter on the env's store (a second replica when
// called again); its retries record their waits instead of sleeping.
func (e *env) newAdapter(c config.Teams) *Adapter {
	a, err := New(Options{Config: c, Bot: e.bot, Store: e.store, Directory: e.dir, Log: quietLog(),
		Now: func() time.Time { return e.now }})
	if err != nil {
		e.t.Fatal(err)
	}
	a.sleep = func(_ context.Context, d time.Duration) error {
		e.mu.Lock()
		e.sleeps = append(e.sleeps, d)
		e.mu.Unlock()
		return nil
	}
	return a
}

func (e *env) waits() []time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]time.Duration(nil), e.sleeps...)
}

func quietLog() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// activity builders ----------------------------------------------------

type act map[string]any

func (e *env) base(kind, conv, fromID, fromAAD, text string) act {
	a := act{
		"type": "message", "id": fmt.Sprintf("%d", 1700000000000+e.seq.Add(1)),
		"timestamp": e.now.UTC().Format(time.RFC3339Nano), "serviceUrl": e.conn.URL + "/", "channelId": "msteams",
		"from":         map[string]any{"id": fromID, "name": "Someone", "aadObjectId": fromAAD},
		"recipient":    map[string]any{"id": "28:" + testAppID, "name": "jointwork"},
		"conversation": map[string]any{"id": conv, "conversationType": kind, "tenantId": testTenant},
		"channelData":  map[string]any{"tenant": map[string]any{"id": testTenant}},
		"text":         text,
	}
	if kind == convChannel {
		a["channelData"] = map[string]any{"tenant": map[string]any{"id": testTenant},
			"team": map[string]any{"id": "19:general@thread.tacv2"}, "channel": map[string]any{"id": "19:general@thread.tacv2"}}
	}
	return a
}

// personal is a message from a person in their chat with the bot.
func (e *env) personal(who, text string) act {
	return e.base(convPersonal, "a:dm-aad-"+who, "29:"+who, "aad-"+who, text)
}

// inChannel is a channel post mentioning the bot ("<at>jointwork</at> " is
// prepended), with more mention entities for people.
func (e *env) inChannel(who, conv, text string, people ...string) act {
	a := e.base(convChannel, conv, "29:"+who, "aad-"+who, "<at>jointwork</at> "+text)
	ents := []any{map[string]any{"type": "mention", "text": "<at>jointwork</at>",
		"mentioned": map[string]any{"id": "28:" + testAppID, "name": "jointwork"}}}
	for _, p := range people {
		ents = append(ents, map[string]any{"type": "mention", "text": "<at>" + strings.ToUpper(p[:1]) + p[1:] + " Example</at>",
			"mentioned": map[string]any{"id": "29:" + p, "name": p + " Example"}})
	}
	a["entities"] = ents
	return a
}

func (e *env) token(a act) string {
	return e.iss.sign(e.t, "k1", goodClaims(a["serviceUrl"].(string), e.now))
}

// post sends an activity with a good token and waits for the work it starts.
func (e *env) post(a act) *http.Response {
	e.t.Helper()
	return e.postWith(a, "Bearer "+e.token(a), true)
}

func (e *env) postWith(a act, auth string, wait bool) *http.Response {
	e.t.Helper()
	body, _ := json.Marshal(a)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/messages", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if wait {
		e.a.wg.Wait()
	}
	return resp
}

// posts are the activities the connector received, in order.
func (e *env) posts() []sent { return e.conn.matching("POST /v3/conversations/") }

// texts flattens what was posted to one conversation into plain strings.
func (e *env) texts(conv string) []string {
	var out []string
	for _, s := range e.posts() {
		if s.Conv == conv {
			out = append(out, activityText(s.Body))
		}
	}
	return out
}

// activityText is the text of a posted activity, with a card's text blocks
// and facts joined by " | ".
func activityText(b map[string]any) string {
	if t, _ := b["text"].(string); t != "" {
		return t
	}
	var parts []string
	atts, _ := b["attachments"].([]any)
	for _, at := range atts {
		content, _ := at.(map[string]any)["content"].(map[string]any)
		body, _ := content["body"].([]any)
		for _, el := range body {
			m, _ := el.(map[string]any)
			if t, ok := m["text"].(string); ok {
				parts = append(parts, t)
			}
			facts, _ := m["facts"].([]any)
			for _, f := range facts {
				fm, _ := f.(map[string]any)
				parts = append(parts, fmt.Sprint(fm["title"], ": ", fm["value"]))
			}
		}
	}
	return strings.Join(parts, " | ")
}

// testRegistry is a handful of commands that drive every Platform method.
func testRegistry() *bot.Registry {
	reg := bot.NewRegistry()
	reg.Add(
		&bot.Command{Name: "help", MaxArgs: -1, Run: func(context.Context, *bot.Request) ([]bot.Message, error) {
			return []bot.Message{bot.Text("help text")}, nil
		}},
		&bot.Command{Name: "ask", MaxArgs: -1, Run: func(_ context.Context, r *bot.Request) ([]bot.Message, error) {
			return []bot.Message{bot.Text("answer to: " + r.Tail(0))}, nil
		}},
		&bot.Command{Name: "echo", MaxArgs: -1, Run: func(_ context.Context, r *bot.Request) ([]bot.Message, error) {
			return []bot.Message{bot.Text(r.Actor.Handle + " said: " + r.Tail(0))}, nil
		}},
		&bot.Command{Name: "secret", Run: func(_ context.Context, r *bot.Request) ([]bot.Message, error) {
			return []bot.Message{bot.Private(r.Actor.Handle, "only for "+r.Actor.Handle)}, nil
		}},
		&bot.Command{Name: "ping", MinArgs: 1, MaxArgs: -1, Run: func(_ context.Context, r *bot.Request) ([]bot.Message, error) {
			h := strings.TrimPrefix(r.Arg(0), "@")
			return []bot.Message{{To: bot.Target{Kind: bot.ToDM, User: h}, Kind: bot.KindPing, Title: "Escalation", Text: r.Tail(1),
				Buttons: []bot.Button{{Label: "Acknowledge", Command: "ack E1", Style: "primary"}, {Label: "Snooze", Command: "snooze E1"}}}}, nil
		}},
		&bot.Command{Name: "case open", MinArgs: 1, MaxArgs: 1, Run: caseOpen},
		&bot.Command{Name: "remove", MinArgs: 1, MaxArgs: 1, Run: func(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
			return nil, r.Platform.Remove(ctx, r.Event.Place.Channel, strings.TrimPrefix(r.Arg(0), "@"))
		}},
		&bot.Command{Name: "case close", Run: func(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
			return []bot.Message{bot.Text("closed")}, r.Platform.Archive(ctx, r.Event.Place.Channel)
		}},
	)
	return reg
}

// caseOpen creates the case channel, invites bea and chris, posts the case
// card and updates it, then tells the opener where it is.
func caseOpen(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	p := r.Platform
	info, err := p.CreateChannel(ctx, "jw-"+r.Arg(0), "Case "+r.Arg(0))
	if errors.Is(err, bot.ErrNameTaken) {
		return []bot.Message{bot.Text("jw-" + r.Arg(0) + " is taken")}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := p.Invite(ctx, info.ID, "bea", "chris"); err != nil {
		return nil, err
	}
	card := bot.Message{To: bot.Target{Kind: bot.ToChannel, Channel: info.ID}, Kind: bot.KindCard, Title: "Case " + r.Arg(0),
		Fields: []bot.Field{{Label: "Lead", Value: "@" + r.Actor.Handle}, {Label: "Consent", Value: "not recorded"}}}
	ref, err := p.Send(ctx, card)
	if err != nil {
		return nil, err
	}
	if err := p.Pin(ctx, ref); err != nil {
		return nil, err
	}
	card.Fields[1].Value = "permitted"
	if err := p.Update(ctx, ref, card); err != nil {
		return nil, err
	}
	thread := bot.Message{To: bot.Target{Kind: bot.ToThread, Channel: info.ID, Thread: ref.ID}, Text: "first task"}
	if _, err := p.Send(ctx, thread); err != nil {
		return nil, err
	}
	return []bot.Message{bot.Text(strings.TrimSpace("opened " + info.Name + " " + info.Note))}, nil
}
