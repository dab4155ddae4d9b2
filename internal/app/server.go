package app

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/jointwork/jointwork/bot/adapter"
	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/metrics"
)

// Server is the HTTP side of the bot: the platform adapters' endpoints, health
// checks and the background scheduler.
type Server struct {
	app     *App
	mux     *http.ServeMux
	cancel  context.CancelFunc
	done    chan struct{}
	closers []func()
	inbox   *inbox.Inbox
	inboxed <-chan struct{}
	// draining is set by Drain: /readyz then answers 503.
	draining atomic.Bool
}

// NewServer mounts the configured platforms and starts timed work.
func NewServer(ctx context.Context, a *App) (*Server, error) {
	s := &Server{app: a, mux: http.NewServeMux(), done: make(chan struct{})}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	s.mux.HandleFunc("GET /readyz", s.ready)
	if a.Config.MetricsAddr == "" {
		s.mux.Handle("GET /metrics", a.Metrics.Handler(metrics.HandlerOptions{}))
	}
	s.inbox = a.newInbox()
	if err := s.mountPlatforms(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := a.ScheduleRetention(ctx); err != nil {
		a.Log.Warn("daily retention purge not scheduled", "err", err)
	}
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.cancel = cancel
	go func() { defer close(s.done); a.StartReconcile(bg); a.RunScheduler(bg) }()
	s.inboxed = runInbox(bg, s.inbox, a.Config.InboxWorkers)
	go s.watchStore(bg)
	return s, nil
}

// MetricsHandler serves /metrics, and /debug/pprof/ when JOINTWORK_PPROF is
// set, for the separate JOINTWORK_METRICS_ADDR listener.
func (s *Server) MetricsHandler() http.Handler {
	return s.app.Metrics.Handler(metrics.HandlerOptions{PProf: s.app.Config.PProf})
}

// Handler is the HTTP handler to serve.
func (s *Server) Handler() http.Handler { return s.app.traceRequest(s.mux) }

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if s.Draining() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.app.Store.Ping(ctx); err != nil {
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// Close stops timed work and the platform adapters.
func (s *Server) Close() {
	if s.cancel != nil {
		s.cancel()
		<-s.done
		<-s.inboxed
	}
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
	s.closers = nil
}

// mountPlatforms starts every registered platform (bot/adapter) whose
// settings enable it: it sends timed work, mounts its routes and runs its
// background work.
func (s *Server) mountPlatforms(ctx context.Context) error {
	a := s.app
	for _, spec := range adapter.All() {
		set := spec.Settings()
		if sec := a.Config.Section(set.Name()); sec != nil {
			set = sec
		}
		if !set.Enabled() {
			continue
		}
		r, err := spec.Start(ctx, adapter.Deps{Bot: a.Bot, Store: a.Store, Directory: a.Directory, Log: a.Log, Settings: set,
			Metrics: a.Metrics, Transport: a.platformTransport(metrics.Platform(set.Name())),
			Inbox: s.inbox})
		if err != nil {
			return fmt.Errorf("%s: %w", set.Name(), err)
		}
		s.closers = append(s.closers, r.Close)
		a.AddPlatform(r.Platform)
		if r.Routes != nil {
			r.Routes(s.mux)
		}
		if r.Run != nil {
			go r.Run(ctx)
		}
	}
	return nil
}
