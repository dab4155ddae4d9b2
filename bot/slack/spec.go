package slack

import (
	"context"
	"time"

	"github.com/jointwork/jointwork/bot/adapter"
	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/internal/wait"
)

// Spec registers Slack with bot/adapter: Socket Mode when an app-level
// token is set, else the HTTP Events API routes.
func Spec() adapter.Spec {
	return adapter.Spec{
		Settings: func() config.Section { return &Settings{} },
		Start: func(ctx context.Context, d adapter.Deps) (*adapter.Running, error) {
			cfg := *d.Settings.(*Settings)
			sl, err := New(Options{Config: cfg, Bot: d.Bot, Store: d.Store, Directory: d.Directory, Log: d.Log,
				Workers: cfg.SlackWorkers, Queue: cfg.SlackQueue, Metrics: d.Metrics, Inbox: d.Inbox,
				HTTPClient: d.WrapClient(defaultHTTPClient())})
			if err != nil {
				return nil, err
			}
			r := &adapter.Running{Platform: sl, Close: sl.Close}
			if cfg.SlackAppToken != "" {
				r.Run = sl.keepSocket
			} else {
				r.Routes = sl.Routes
			}
			return r, nil
		},
	}
}

// keepSocket keeps the Socket Mode connection up until ctx ends.
func (a *Adapter) keepSocket(ctx context.Context) {
	for ctx.Err() == nil {
		if err := a.RunSocketMode(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("slack socket mode stopped; reconnecting", "err", err)
			_ = wait.Sleep(ctx, 5*time.Second)
		}
	}
}
