package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"
)

// Middleware wraps a handler.
type Middleware func(Handler) Handler

// Chain wraps h in middleware; the first one listed runs outermost.
func Chain(h Handler, mw ...Middleware) Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// Recover turns a panic in a handler into an error, logged with its stack.
func Recover(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, r *Request) (msgs []Message, err error) {
			defer func() {
				if v := recover(); v != nil {
					log.Error("handler panic", "command", r.Command.Name, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
					msgs, err = nil, fmt.Errorf("handler %s panicked", r.Command.Name)
				}
			}()
			return next(ctx, r)
		}
	}
}

// Audit logs one line per command: who, which command, where, the outcome
// and how long it took. Never the text, which may hold personal data; for
// an Anonymous command neither the actor nor the place.
func Audit(log *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, r *Request) ([]Message, error) {
			start := time.Now()
			msgs, err := next(ctx, r)
			outcome := "ok"
			if _, ok := AsUserError(err); ok {
				outcome = "refused"
			} else if err != nil {
				outcome = "error"
			}
			ms := time.Since(start).Milliseconds()
			if r.Command.Anonymous {
				log.Info("command", "command", r.Command.Name, "platform", r.Event.Platform, "outcome", outcome, "ms", ms)
				return msgs, err
			}
			log.Info("command", "command", r.Command.Name, "actor", r.Actor.Handle,
				"platform", r.Event.Platform, "channel", r.Event.Place.Channel,
				"outcome", outcome, "ms", ms)
			return msgs, err
		}
	}
}
