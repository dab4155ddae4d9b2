package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"
)

// TestMain lets the fault tests run `jointwork serve` as a subprocess of
// this test binary: with JW_SERVE_CHILD=1 it is the server, not the tests.
func TestMain(m *testing.M) {
	if os.Getenv("JW_SERVE_CHILD") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, []string{"serve"}, os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}
