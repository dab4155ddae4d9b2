// Package teams is the Microsoft Teams adapter: Bot Framework activities in
// on POST /api/messages (JWT-verified), neutral bot events to the kernel,
// Adaptive Cards out through the Bot Connector, and case channels, members
// and app installs through Microsoft Graph.
//
// It uses infracloudio/msbotbuilder-go for the activity schema only; token
// validation, the connector client (tokens, retries, invoke responses) and
// Graph are implemented here (see deploy/teams/README.md for why).
package teams

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/metrics"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/wait"
)

// Platform is the name this adapter gives the kernel.
const Platform = "teams"

// Limits and defaults.
const (
	maxBody           = 1 << 20          // largest activity accepted
	turnTimeout       = 2 * time.Minute  // budget for one message's work
	invokeTimeout     = 12 * time.Second // Teams waits about 15 s for an invoke response
	defaultServiceURL = "https://smba.trafficmanager.net/teams/"
)

// InvokeTimeout is how long a card invoke may take to answer; serve's HTTP
// write timeout must be longer.
const InvokeTimeout = invokeTimeout

// Options are the adapter's dependencies.
type Options struct {
	Config     Settings
	Bot        *bot.Bot
	Store      *state.Store
	Directory  *directory.Directory
	Log        *slog.Logger
	HTTPClient *http.Client     // for every outbound call; a 30 s client when nil
	Now        func() time.Time // token validity checks; time.Now when nil
	Metrics    *metrics.Metrics // requests and acks; nil records nothing
	Inbox      *inbox.Inbox     // when set, activities are stored before the 200 (durable.go)
}

// Adapter connects the bot to Microsoft Teams. It implements bot.Platform.
type Adapter struct {
	opt   Options
	log   *slog.Logger
	auth  *verifier
	conn  *connector
	graph *graph
	sleep func(ctx context.Context, d time.Duration) error
	dieAt func(point string) // fault tests only (die)

	mu      sync.Mutex // guards closing and wg.Add against Close
	closing bool
	wg      sync.WaitGroup
}

var _ bot.Platform = (*Adapter)(nil)

// New checks the options and returns an adapter. Nothing is fetched until the
// first activity arrives.
func New(opt Options) (*Adapter, error) {
	if err := check(opt); err != nil {
		return nil, err
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.HTTPClient == nil {
		opt.HTTPClient = defaultHTTPClient()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	a := &Adapter{opt: opt, log: opt.Log.With("platform", Platform), sleep: wait.Sleep}
	a.auth = newVerifier(opt.Config.BotOpenIDURL, opt.Config.MicrosoftAppID, opt.HTTPClient, opt.Now)
	a.conn = newConnector(a, tokenURL(opt.Config, opt.Config.MicrosoftAppTenantID, "botframework.com"))
	a.graph = newGraph(a)
	a.attachInbox()
	return a, nil
}

func defaultHTTPClient() *http.Client { return &http.Client{Timeout: 30 * time.Second} }

func check(opt Options) error {
	var errs []error
	if opt.Config.MicrosoftAppID == "" || opt.Config.MicrosoftAppPassword == "" {
		errs = append(errs, errors.New("MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD are required"))
	}
	if opt.Config.BotOpenIDURL == "" {
		errs = append(errs, errors.New("JOINTWORK_BOT_OPENID_URL is empty"))
	}
	if opt.Bot == nil || opt.Store == nil || opt.Directory == nil {
		errs = append(errs, errors.New("the Bot, Store and Directory options are required"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("teams: %w", err)
	}
	return nil
}

// tokenURL is the endpoint for the app's own tokens: the override when set,
// else the tenant's (single-tenant) or fallback's (multi-tenant) v2 endpoint.
func tokenURL(c Settings, tenant, fallback string) string {
	if c.BotTokenURL != "" {
		return c.BotTokenURL
	}
	if tenant == "" {
		tenant = fallback
	}
	return "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token"
}

// Name implements bot.Platform.
func (a *Adapter) Name() string { return Platform }

// Routes mounts POST /api/messages, the Bot Framework messaging endpoint.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/messages", a.serveMessages)
}

// Close stops taking activities and waits for those being handled.
func (a *Adapter) Close() {
	a.mu.Lock()
	a.closing = true
	a.mu.Unlock()
	a.wg.Wait()
}

// Wait blocks until the activities accepted so far have been handled and
// their replies sent (tests post, Wait, then look). Call it between posts,
// not while new activities are arriving.
func (a *Adapter) Wait() { a.wg.Wait() }

// begin registers work Close must wait for; false once Close has begun.
func (a *Adapter) begin() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closing {
		return false
	}
	a.wg.Add(1)
	return true
}

// background runs fn on its own goroutine with a fresh deadline, tracked so
// Close can wait for it. It reports false when the adapter is closing.
func (a *Adapter) background(tr *turn, fn func(ctx context.Context)) bool {
	if !a.begin() {
		return false
	}
	go a.run(tr, fn)
	return true
}

// spawn is background for a caller that holds a registration from begin:
// Close is still waiting for it, so adding to the group is allowed.
func (a *Adapter) spawn(tr *turn, fn func(ctx context.Context)) {
	a.wg.Add(1)
	go a.run(tr, fn)
}

func (a *Adapter) run(tr *turn, fn func(ctx context.Context)) {
	defer a.wg.Done()
	ctx, cancel := context.WithTimeout(withTurn(context.Background(), tr), turnTimeout)
	defer cancel()
	fn(ctx)
}
