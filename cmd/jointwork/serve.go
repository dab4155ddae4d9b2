package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/wait"
)

func runServe(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	embedded := fs.Bool("embedded-store", false, "allow the in-process store when JOINTWORK_REDIS_URL is empty (state is lost on exit; for trials only)")
	if fs.Parse(args) != nil {
		return 2
	}
	cfg, ok := loadConfig(stderr)
	if !ok {
		return 2
	}
	if cfg.RedisURL == "" && !*embedded {
		fmt.Fprintln(stderr, "jointwork serve: JOINTWORK_REDIS_URL is not set. Point it at your Redis (redis://host:6379/0), or pass --embedded-store to try the bot with state that is lost on exit.")
		return 2
	}
	log := newLogger(cfg, stderr)
	a, err := app.New(ctx, cfg, app.Options{Log: log, WaitForRedis: true})
	if err != nil {
		fmt.Fprintf(stderr, "jointwork serve: %v\n", err)
		return 1
	}
	defer a.Close()
	if a.Embedded() {
		log.Warn("using the embedded in-process store: state is lost when the bot stops")
	}
	srv, err := app.NewServer(ctx, a)
	if err != nil {
		fmt.Fprintf(stderr, "jointwork serve: %v\n", err)
		return 1
	}
	defer srv.Close()
	hs := &http.Server{Addr: cfg.HTTPAddr, Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	log.Info("jointwork serving", "addr", cfg.HTTPAddr, "platforms", enabledPlatforms(cfg))
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "jointwork serve: %v\n", err)
			return 1
		}
	case <-ctx.Done():
	}
	// Readiness goes first: the load balancer stops sending while requests
	// already on their way are still served.
	srv.Drain()
	log.Info("draining", "delay", cfg.DrainDelay)
	_ = wait.Sleep(context.Background(), cfg.DrainDelay)
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = hs.Shutdown(shut)
	return 0
}

// enabledPlatforms names the platforms the settings turn on.
func enabledPlatforms(cfg *config.Config) []string {
	var out []string
	for _, sec := range cfg.Sections {
		if sec.Enabled() {
			out = append(out, sec.Name())
		}
	}
	return out
}
