package teams

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/bot/teams/teamstest"
	"github.com/jointwork/jointwork/internal/apptest"
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
// the teamstest issuer, connector and Graph.
type env struct {
	t     testing.TB
	iss   *teamstest.Issuer
	conn  *teamstest.Connector
	graph *teamstest.Graph
	redis *redistest.Server
	store *state.Store
	dir   *directory.Directory
	bot   *bot.Bot
	a     *Adapter
	srv   *httptest.Server
	now   time.Time

	mu     sync.Mutex
	sleeps []time.Duration
}

type envOption func(*Settings)

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
// roster know the synthetic people as aad-<handle> and 29:<handle>; chris
// and dana are guests whose UPN is not their e-mail.
func newFakes(t testing.TB) *env {
	t.Helper()
	e := &env{t: t, now: time.Now()}
	e.iss = teamstest.NewIssuer(t)
	e.graph = teamstest.NewGraph(t)
	e.conn = teamstest.NewConnector(t, e.graph.InstalledFor)
	for _, h := range []string{"alex", "bea", "chris", "dana", "eve"} {
		mail, upn := h+"@council.example", h+"@council.example"
		if h == "chris" || h == "dana" {
			mail, upn = h+"@nhs.example", h+"_nhs.example#EXT#@council.onmicrosoft.example"
		}
		e.graph.AddUser("aad-"+h, mail, upn)
		e.conn.AddMember("29:"+h, teamstest.Member{AadObjectID: "aad-" + h, Email: mail})
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

func (e *env) config(opts ...envOption) Settings {
	c := Settings{
		MicrosoftAppID: teamstest.AppID, MicrosoftAppPassword: teamstest.AppPassword, MicrosoftAppTenantID: teamstest.Tenant,
		TeamsTeamID: "team-1", GraphURL: e.graph.BaseURL(),
		BotOpenIDURL: e.iss.OpenIDURL(), BotTokenURL: e.iss.TokenURL(),
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// newAdapter builds an adapter on the env's store (a second replica when
// called again); its retries record their waits instead of sleeping.
func (e *env) newAdapter(c Settings) *Adapter {
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

func quietLog() *slog.Logger { return apptest.Quiet() }

type act = teamstest.Activity

// personal is <who> writing in their chat with the bot.
func (e *env) personal(who, text string) act { return e.conn.PersonalMessage(who, text) }

// inChannel is a post in a channel that @mentions the bot ("@name" in text
// become Teams mentions).
func (e *env) inChannel(who, conv, text string) act {
	return e.conn.Mention(teamstest.Channel, conv, who, text)
}

func (e *env) token(a act) string {
	return e.iss.Sign(e.t, "k1", teamstest.Claims(a["serviceUrl"].(string), e.now))
}

// post sends an activity with a good token and waits for the work it starts.
func (e *env) post(a act) *http.Response {
	e.t.Helper()
	return e.postWith(a, "Bearer "+e.token(a), true)
}

func (e *env) postWith(a act, auth string, wait bool) *http.Response {
	e.t.Helper()
	resp := teamstest.Post(e.t, e.srv.URL+"/api/messages", a, auth)
	if wait {
		e.a.Wait()
	}
	return resp
}

// posts are the activities the connector received, in order.
func (e *env) posts() []teamstest.Request { return e.conn.Posts() }

// texts is what was posted to one conversation, as plain strings.
func (e *env) texts(conv string) []string { return e.conn.Texts(conv) }

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
