package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/metrics"
	"github.com/jointwork/jointwork/bot/state"
)

// Version is the build's version shown on jointwork_build_info; the binary
// sets it from its -ldflags version.
var Version = "dev"

// commandMetrics records every command's name, outcome and duration.
func commandMetrics(m *metrics.Metrics) bot.Middleware {
	return func(next bot.Handler) bot.Handler {
		return func(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
			start := time.Now()
			msgs, err := next(ctx, r)
			m.Command(commandLabel(r.Command.Name), commandOutcome(err), time.Since(start))
			return msgs, err
		}
	}
}

// commandLabel is a command's table name as a label value ("case show" →
// "case_show").
func commandLabel(name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), " ", "_")
}

func commandOutcome(err error) metrics.Outcome {
	if err == nil {
		return metrics.OK
	}
	if _, ok := bot.AsUserError(err); ok {
		return metrics.Rejected
	}
	return metrics.Error
}

// redisMetrics is a go-redis hook that counts failed commands by name
// (a missing key, redis.Nil, is not a failure; nor is a lost fenced claim).
type redisMetrics struct{ m *metrics.Metrics }

func (h redisMetrics) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h redisMetrics) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.count(cmd.Name(), err)
		return err
	}
}

func (h redisMetrics) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		for _, c := range cmds {
			h.count(c.Name(), c.Err())
		}
		return err
	}
}

func (h redisMetrics) count(name string, err error) {
	if err == nil || errors.Is(err, redis.Nil) {
		return
	}
	h.m.RedisError(strings.ToLower(name))
}

// platformTransport wraps a platform's outbound transport with metrics and,
// when tracing is on, spans.
func (a *App) platformTransport(p metrics.Platform) func(http.RoundTripper) http.RoundTripper {
	return func(base http.RoundTripper) http.RoundTripper {
		return a.traceTransport(a.Metrics.Transport(p, base))
	}
}

// timedHandle records the scheduler lag of each item before handling it.
func (a *App) timedHandle(next func(context.Context, state.Item) error) func(context.Context, state.Item) error {
	return func(ctx context.Context, it state.Item) error {
		a.Metrics.SchedulerLag(a.Clock.Now().Sub(it.Due))
		return next(ctx, it)
	}
}

// redactedError prints a message with credentials hidden and still wraps
// the original error for errors.Is.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// slogRedis sends go-redis's own log lines (reconnects, pool problems)
// through the app's slog logger, so they follow JOINTWORK_LOG_FORMAT.
// Credentials of the Redis URL are hidden should a line quote it.
type slogRedis struct {
	log *slog.Logger
	url string
}

// Printf implements go-redis's internal logging interface.
func (l slogRedis) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis client", "detail", config.RedactIn(fmt.Sprintf(format, v...), l.url))
}
