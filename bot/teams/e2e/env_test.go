// Package e2e_test runs jointwork as the binary builds it (internal/app)
// behind the Teams adapter, against real Redis and the teamstest fakes.
package e2e_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/teams"
	"github.com/jointwork/jointwork/bot/teams/teamstest"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/apptest"
)

// env is the whole bot on loopback, seen through Teams.
type env struct {
	t     *testing.T
	iss   *teamstest.Issuer
	conn  *teamstest.Connector
	graph *teamstest.Graph
	app   *app.App
	a     *teams.Adapter
	url   string // the messaging endpoint
}

// newEnv builds the app from the environment's configuration (the example
// directory, the embedded rulebook) on a real redis-server, with the bot
// clock at start, and mounts the Teams adapter on the fakes.
func newEnv(t *testing.T, start time.Time) *env {
	t.Helper()
	e := &env{t: t, iss: teamstest.NewIssuer(t), graph: teamstest.NewGraph(t)}
	e.conn = teamstest.NewConnector(t, e.graph.InstalledFor)
	for _, p := range []struct{ handle, mail, upn string }{
		{"alex", "alex@council.example", "alex@council.example"},
		{"bea", "bea@council.example", "bea@council.example"},
		{"chris", "chris@nhs.example", "chris_nhs.example#EXT#@council.onmicrosoft.example"},
		{"dana", "dana@nhs.example", "dana_nhs.example#EXT#@council.onmicrosoft.example"},
		{"morgan", "morgan@council.example", "morgan@council.example"},
		{"eve", "eve@school.example", "eve_school.example#EXT#@council.onmicrosoft.example"},
		{"finn", "finn@school.example", "finn_school.example#EXT#@council.onmicrosoft.example"},
	} {
		e.graph.AddUser("aad-"+p.handle, p.mail, p.upn)
		e.conn.AddMember("29:"+p.handle, teamstest.Member{AadObjectID: "aad-" + p.handle, Email: p.mail})
	}
	log := apptest.Quiet()
	e.app = apptest.New(t, apptest.Options{Start: start, Log: log}).App
	tc := teams.Settings{
		MicrosoftAppID: teamstest.AppID, MicrosoftAppPassword: teamstest.AppPassword, MicrosoftAppTenantID: teamstest.Tenant,
		TeamsTeamID: "team-1", GraphURL: e.graph.BaseURL(), BotOpenIDURL: e.iss.OpenIDURL(), BotTokenURL: e.iss.TokenURL(),
	}
	// Token checks use the wall clock, not the bot's (which starts in 2026).
	var err error
	e.a, err = teams.New(teams.Options{Config: tc, Bot: e.app.Bot, Store: e.app.Store, Directory: e.app.Directory, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	e.a.Routes(mux)
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	t.Cleanup(e.a.Close)
	e.url = hs.URL + "/api/messages"
	return e
}

// post sends an activity with a good token and waits for its replies.
func (e *env) post(a teamstest.Activity) {
	e.t.Helper()
	if r := teamstest.Post(e.t, e.url, a, e.iss.Bearer(e.t, a)); r.StatusCode != http.StatusOK {
		e.t.Fatalf("POST /api/messages: status %d", r.StatusCode)
	}
	e.a.Wait()
}

// dm returns everything the bot wrote in handle's chat with it.
func (e *env) dm(handle string) string {
	return strings.Join(e.conn.Texts("a:dm-aad-"+handle), "\n")
}

// channel returns the id of the private channel named name; the test
// fails when Graph has no such channel.
func (e *env) channel(name string) string {
	e.t.Helper()
	ch := e.graph.Channel(name)
	if ch == "" {
		e.t.Fatalf("no private channel %s; Graph calls %+v", name, e.graph.All())
	}
	return ch
}
