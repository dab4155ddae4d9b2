package app

import (
	"context"
	"time"

	"github.com/jointwork/jointwork/internal/wait"
)

// Drain marks the server as shutting down: /readyz answers 503 from now
// on, so a load balancer stops sending new requests, while requests keep
// being served until the HTTP server itself shuts down.
func (s *Server) Drain() { s.draining.Store(true) }

// Draining reports whether Drain was called.
func (s *Server) Draining() bool { return s.draining.Load() }

// watchStore pings the store until it first answers, with backoff (50 ms
// doubling to 5 s), and logs when the bot becomes ready; /readyz checks
// the store on every request by itself. Work that needs Redis meanwhile
// (acks, inbox workers, the scheduler) fails and retries on its own.
func (s *Server) watchStore(ctx context.Context) {
	pause := 50 * time.Millisecond
	for warned := false; ctx.Err() == nil; {
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err := s.app.Store.Ping(pctx)
		cancel()
		if err == nil {
			if warned {
				s.app.Log.Info("redis answers; ready")
			}
			return
		}
		if !warned {
			s.app.Log.Warn("redis not answering; serving unready until it does", "err", err)
			warned = true
		}
		_ = wait.Sleep(ctx, pause)
		pause = min(pause*2, 5*time.Second)
	}
}
