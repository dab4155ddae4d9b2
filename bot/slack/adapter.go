package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/metrics"
	"github.com/jointwork/jointwork/bot/state"
)

// Platform is the name this adapter gives the kernel ("slack").
const Platform = "slack"

// Defaults for Options left zero.
const (
	// DefaultWorkers suits work that mostly waits on Redis and Slack: many
	// jobs in flight let Redis group their writes into one fsync.
	DefaultWorkers = 128
	// DefaultQueue is how many requests may wait for a worker before new
	// ones are refused as busy (a few kilobytes each at most).
	DefaultQueue = 16384
	// jobTimeout bounds one background job (Web API retries included).
	jobTimeout = 2 * time.Minute
)

// Options are the adapter's dependencies.
type Options struct {
	Config    Settings
	Bot       *bot.Bot
	Store     *state.Store
	Directory *directory.Directory // default: Bot.Directory()
	Log       *slog.Logger
	// HTTPClient is used for the Web API and response_url; a pooled client
	// with a 15 s timeout when nil.
	HTTPClient *http.Client
	// Workers is the size of the background pool (default DefaultWorkers).
	Workers int
	// Queue is how many requests may wait for a worker (default
	// DefaultQueue); beyond it requests are refused as busy at once.
	Queue int
	// Retry tunes Web API retries; zero values take the defaults.
	Retry RetryPolicy
	// Metrics records requests, acks and the queue depth; nil records nothing.
	Metrics *metrics.Metrics
	// Inbox, when set, makes the HTTP endpoints durable: requests are
	// stored in it before the ack and run by its workers.
	Inbox *inbox.Inbox
}

// Adapter connects the bot to one Slack workspace. It implements
// bot.Platform. Create it with New, mount Routes (HTTP) or call
// RunSocketMode, and Close it to drain background work.
type Adapter struct {
	cfg   Settings
	api   *slack.Client
	bot   *bot.Bot
	store *state.Store
	dir   *directory.Directory
	log   *slog.Logger
	http  *http.Client
	retry RetryPolicy
	met   *metrics.Metrics

	jobs  chan func(context.Context)
	inbox *inbox.Inbox // nil: requests are queued in memory only
	// appended holds the inbox entry ids this adapter appended and has
	// not run yet (counted in active).
	appended sync.Map
	active   atomic.Int64 // jobs queued or running
	wg       sync.WaitGroup
	mu       sync.RWMutex
	closed   bool

	refused     atomic.Int64 // requests refused as busy since the last warning
	lastRefusal atomic.Int64 // unix nanos of the last busy warning

	users  *ttlCache // slack id → handle ("" = not in the directory)
	ids    *ttlCache // handle → slack id
	dms    *ttlCache // slack user id → DM channel id with the bot
	selfMu sync.Mutex
	self   string // the bot's own user id, once known
}

var _ bot.Platform = (*Adapter)(nil)

// New returns an adapter; it makes no network calls. The Web API client
// talks to cfg.SlackAPIURL when it is set (tests), else to slack.com.
func New(opt Options) (*Adapter, error) {
	if opt.Bot == nil || opt.Store == nil {
		return nil, errors.New("slack: Options.Bot and Options.Store are required")
	}
	if opt.Config.SlackBotToken == "" {
		return nil, errors.New("slack: SLACK_BOT_TOKEN is not set")
	}
	if opt.Directory == nil {
		opt.Directory = opt.Bot.Directory()
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.HTTPClient == nil {
		opt.HTTPClient = defaultHTTPClient()
	}
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	if opt.Queue <= 0 {
		opt.Queue = DefaultQueue
	}
	a := &Adapter{
		cfg: opt.Config, bot: opt.Bot, store: opt.Store, dir: opt.Directory,
		log: opt.Log.With("platform", Platform), http: opt.HTTPClient,
		retry: opt.Retry.withDefaults(), met: opt.Metrics,
		jobs:  make(chan func(context.Context), opt.Queue),
		users: newTTLCache(10 * time.Minute), ids: newTTLCache(time.Hour),
		dms: newTTLCache(24 * time.Hour),
	}
	a.api = slack.New(opt.Config.SlackBotToken, a.clientOptions()...)
	a.attachInbox(opt.Inbox)
	for range opt.Workers {
		a.wg.Add(1)
		go a.work()
	}
	return a, nil
}

func (a *Adapter) clientOptions() []slack.Option {
	opts := []slack.Option{slack.OptionHTTPClient(a.http)}
	if u := a.cfg.SlackAPIURL; u != "" {
		opts = append(opts, slack.OptionAPIURL(strings.TrimRight(u, "/")+"/"))
	}
	if a.cfg.SlackAppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(a.cfg.SlackAppToken))
	}
	return opts
}

func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	t.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Transport: t, Timeout: 15 * time.Second}
}

// Name implements bot.Platform.
func (a *Adapter) Name() string { return Platform }

// Client returns the Slack Web API client (for health checks and tools).
func (a *Adapter) Client() *slack.Client { return a.api }

// enqueue hands a job to the pool without waiting; false when the queue is
// full or the adapter is closed, so the caller can answer "busy" at once.
func (a *Adapter) enqueue(job func(context.Context)) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.closed {
		return false
	}
	a.active.Add(1)
	select {
	case a.jobs <- job:
		a.met.Queue(metrics.Inbox, len(a.jobs), 0)
		return true
	default:
		a.active.Add(-1)
		return false
	}
}

func (a *Adapter) work() {
	defer a.wg.Done()
	for job := range a.jobs {
		a.run(job)
	}
}

func (a *Adapter) run(job func(context.Context)) {
	ctx, cancel := context.WithTimeout(context.Background(), jobTimeout)
	defer cancel()
	defer a.active.Add(-1)
	a.met.Queue(metrics.Inbox, len(a.jobs), 0)
	defer func() {
		if v := recover(); v != nil {
			a.log.Error("slack job panicked", "panic", fmt.Sprint(v))
		}
	}()
	job(ctx)
}

// Close stops taking new work and waits for queued jobs to finish.
func (a *Adapter) Close() {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return
	}
	a.closed = true
	close(a.jobs)
	a.mu.Unlock()
	a.wg.Wait()
}

// Pending returns how many requests are queued or being handled (for
// metrics, readiness and tests).
func (a *Adapter) Pending() int { return int(a.active.Load()) }

// busy counts a request refused because the queue is full and warns at
// most once a second, so an overload does not also flood the log.
func (a *Adapter) busy(kind string) {
	n := a.refused.Add(1)
	now := time.Now().UnixNano()
	last := a.lastRefusal.Load()
	if now-last < int64(time.Second) || !a.lastRefusal.CompareAndSwap(last, now) {
		return
	}
	a.refused.Add(-n)
	a.log.Warn("slack queue full: requests refused as busy", "kind", kind, "refused", n, "queue", cap(a.jobs))
}
