// Package adapter is the registry of chat platforms. A platform package
// (bot/slack, bot/teams) describes itself with a Spec: its settings (a
// config.Section) and how to start it (its bot.Platform, HTTP routes and
// background work). internal/platforms registers each one in one line, and
// internal/app starts every enabled platform without naming any of them.
package adapter

import (
	"context"
	"log/slog"
	"net/http"
	"sync"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/metrics"
	"github.com/jointwork/jointwork/bot/state"
)

// Deps are what a platform is started with.
type Deps struct {
	Bot       *bot.Bot
	Store     *state.Store
	Directory *directory.Directory
	Log       *slog.Logger
	// Settings are the platform's own, as config.Load read them.
	Settings config.Section
	// Metrics records requests, acks and queue depth; nil records nothing.
	Metrics *metrics.Metrics
	// Transport, when set, wraps the transport of the platform's outbound
	// HTTP client (metrics and traces of platform API calls).
	Transport func(http.RoundTripper) http.RoundTripper
	// Inbox, when set, is the durable queue requests are stored in before
	// they are acknowledged (nil: in memory only, as in tests).
	Inbox *inbox.Inbox
}

// Running is a started platform.
type Running struct {
	// Platform is what handlers and timed work send through.
	Platform bot.Platform
	// Routes, when set, mounts the platform's HTTP endpoints.
	Routes func(mux *http.ServeMux)
	// Run, when set, is background work (a socket connection) that runs
	// until ctx ends.
	Run func(ctx context.Context)
	// Close drains the platform's work.
	Close func()
}

// Spec describes a platform.
type Spec struct {
	// Settings returns a pointer to zero settings for config.Load to fill.
	Settings func() config.Section
	// Start builds the platform from its dependencies.
	Start func(ctx context.Context, d Deps) (*Running, error)
}

var (
	mu    sync.Mutex
	specs []Spec
)

// Register adds a platform and its settings (to config.Load), before
// config.Load, from internal/platforms. A second registration of the same
// platform (by settings name) replaces the first.
func Register(s Spec) {
	mu.Lock()
	defer mu.Unlock()
	config.Register(s.Settings)
	name := s.Settings().Name()
	for i, old := range specs {
		if old.Settings().Name() == name {
			specs[i] = s
			return
		}
	}
	specs = append(specs, s)
}

// All returns the registered platforms in registration order.
func All() []Spec {
	mu.Lock()
	defer mu.Unlock()
	return append([]Spec(nil), specs...)
}

// WrapClient returns c (a default client when nil) with its transport
// wrapped by Transport, or c itself when Transport is nil. c is not changed.
func (d Deps) WrapClient(c *http.Client) *http.Client {
	if d.Transport == nil {
		return c
	}
	if c == nil {
		c = &http.Client{}
	}
	cp := *c
	base := cp.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	cp.Transport = d.Transport(base)
	return &cp
}
