package app

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/jointwork/jointwork/bot/inbox"
	"github.com/jointwork/jointwork/bot/slack"
	"github.com/jointwork/jointwork/bot/teams"
	"github.com/jointwork/jointwork/internal/wait"
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
	s.inbox = a.newInbox()
	if err := s.mountPlatforms(ctx); err != nil {
		s.Close()
		return nil, err
	}
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.cancel = cancel
	go func() { defer close(s.done); a.RunScheduler(bg) }()
	s.inboxed = runInbox(bg, s.inbox)
	go s.watchStore(bg)
	return s, nil
}

// Handler is the HTTP handler to serve.
func (s *Server) Handler() http.Handler { return s.mux }

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

func (s *Server) mountPlatforms(ctx context.Context) error {
	a := s.app
	if a.Config.SlackEnabled() {
		sl, err := slack.New(slack.Options{Config: a.Config.Slack, Bot: a.Bot, Store: a.Store, Directory: a.Directory, Log: a.Log,
			Workers: a.Config.SlackWorkers, Queue: a.Config.SlackQueue, Inbox: s.inbox})
		if err != nil {
			return fmt.Errorf("slack: %w", err)
		}
		s.closers = append(s.closers, sl.Close)
		a.AddPlatform(sl)
		if a.Config.SlackAppToken != "" {
			go s.socketMode(ctx, sl)
		} else {
			sl.Routes(s.mux)
		}
	}
	if a.Config.TeamsEnabled() {
		// Token checks need real time, never the bot clock the console moves.
		tm, err := teams.New(teams.Options{Config: a.Config.Teams, Bot: a.Bot, Store: a.Store, Directory: a.Directory, Log: a.Log, Inbox: s.inbox})
		if err != nil {
			return fmt.Errorf("teams: %w", err)
		}
		s.closers = append(s.closers, tm.Close)
		a.AddPlatform(tm)
		tm.Routes(s.mux)
	}
	return nil
}

// socketMode keeps the Slack Socket Mode connection up until ctx ends.
func (s *Server) socketMode(ctx context.Context, sl *slack.Adapter) {
	for ctx.Err() == nil {
		if err := sl.RunSocketMode(ctx); err != nil && ctx.Err() == nil {
			s.app.Log.Error("slack socket mode stopped; reconnecting", "error", err)
			_ = wait.Sleep(ctx, 5*time.Second)
		}
	}
}
