package main

import (
	"context"
	"fmt"
	"io"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/handlers"
	"github.com/jointwork/jointwork/rules"
)

// runStats is `jointwork rules stats [--json]`: the 👍 / 👎 counts per rule
// and band, read from the bot's Redis (JOINTWORK_REDIS_URL).
func runStats(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, ok := loadConfig(stderr)
	if !ok {
		return 2
	}
	if cfg.RedisURL == "" {
		// RunStats says there is no store; usage errors still come first.
		return rules.RunStats(ctx, nil, args, stdout, stderr)
	}
	rdb, err := state.Connect(ctx, cfg.RedisURL)
	if err != nil {
		fmt.Fprintf(stderr, "jointwork rules stats: %v\n", err)
		return 1
	}
	defer rdb.Close()
	src := handlers.FeedbackSource{Store: state.New(rdb, state.Options{})}
	return rules.RunStats(ctx, src, args, stdout, stderr)
}
