package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
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
	errc := make(chan error, 2)
	servers := []*http.Server{listen(cfg.HTTPAddr, srv.Handler(), errc)}
	if cfg.MetricsAddr != "" {
		servers = append(servers, listen(cfg.MetricsAddr, srv.MetricsHandler(), errc))
	}
	log.Info("jointwork serving", "addr", cfg.HTTPAddr, "metrics", metricsWhere(cfg), "platforms", enabledPlatforms(cfg))
	return waitAndShutdown(ctx, errc, servers, shutdown{srv: srv, log: log, drain: cfg.DrainDelay}, stderr)
}

// shutdown is what a graceful stop needs: the app server whose readiness
// goes first, and how long to keep serving after that.
type shutdown struct {
	srv   *app.Server
	log   *slog.Logger
	drain time.Duration
}

// waitAndShutdown waits for a listener to fail or ctx to end, then shuts
// every server down gracefully: readiness first, then after the drain delay
// the listeners.
func waitAndShutdown(ctx context.Context, errc <-chan error, servers []*http.Server, sd shutdown, stderr io.Writer) int {
	code := 0
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "jointwork serve: %v\n", err)
			code = 1
		}
	case <-ctx.Done():
	}
	// Readiness goes first: the load balancer stops sending while requests
	// already on their way are still served.
	sd.srv.Drain()
	sd.log.Info("draining", "delay", sd.drain)
	_ = wait.Sleep(context.Background(), sd.drain)
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for _, hs := range servers {
		_ = hs.Shutdown(shut)
	}
	return code
}

// WriteTimeout is serve's HTTP write timeout: above the 12 s a Teams card
// invoke may take to answer, so the answer is never cut off.
const WriteTimeout = 20 * time.Second

// listen starts an HTTP server on addr and reports its end on errc.
func listen(addr string, h http.Handler, errc chan<- error) *http.Server {
	hs := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 10 * time.Second, WriteTimeout: WriteTimeout, IdleTimeout: 120 * time.Second}
	go func() { errc <- hs.ListenAndServe() }()
	return hs
}

func metricsWhere(cfg *config.Config) string {
	if cfg.MetricsAddr == "" {
		return cfg.HTTPAddr + "/metrics"
	}
	return cfg.MetricsAddr + "/metrics"
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
