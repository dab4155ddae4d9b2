package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/redistest"
)

func status(t *testing.T, url string) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestServeStartsWithoutRedis: the server starts while Redis is down,
// healthy but not ready; it becomes ready when Redis answers, and Drain
// makes it unready again while it still serves.
func TestServeStartsWithoutRedis(t *testing.T) {
	port := redistest.FreePort(t)
	t.Setenv("JOINTWORK_REDIS_URL", fmt.Sprintf("redis://127.0.0.1:%d/0", port))
	cfg, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := app.New(ctx, cfg, app.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), WaitForRedis: true})
	if err != nil {
		t.Fatalf("app.New with Redis down: %v", err)
	}
	defer a.Close()
	srv, err := app.NewServer(ctx, a)
	if err != nil {
		t.Fatalf("NewServer with Redis down: %v", err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	if got := status(t, hs.URL+"/healthz"); got != http.StatusOK {
		t.Fatalf("/healthz = %d while Redis is down, want 200", got)
	}
	if got := status(t, hs.URL+"/readyz"); got != http.StatusServiceUnavailable {
		t.Fatalf("/readyz = %d while Redis is down, want 503", got)
	}
	redistest.StartOn(t, port)
	deadline := time.Now().Add(20 * time.Second)
	for status(t, hs.URL+"/readyz") != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz not 200 within 20 s of Redis starting")
		}
		time.Sleep(20 * time.Millisecond)
	}
	srv.Drain()
	if got := status(t, hs.URL+"/readyz"); got != http.StatusServiceUnavailable {
		t.Fatalf("/readyz = %d after Drain, want 503", got)
	}
	if got := status(t, hs.URL+"/healthz"); got != http.StatusOK {
		t.Fatalf("/healthz = %d while draining, want 200", got)
	}
}
