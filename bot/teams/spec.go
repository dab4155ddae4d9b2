package teams

import (
	"context"

	"github.com/jointwork/jointwork/bot/adapter"
	"github.com/jointwork/jointwork/bot/config"
)

// Spec registers Teams with bot/adapter: the Bot Framework messaging
// endpoint. Token checks use real time, never the bot clock.
func Spec() adapter.Spec {
	return adapter.Spec{
		Settings: func() config.Section { return &Settings{} },
		Start: func(_ context.Context, d adapter.Deps) (*adapter.Running, error) {
			tm, err := New(Options{Config: *d.Settings.(*Settings), Bot: d.Bot, Store: d.Store, Directory: d.Directory, Log: d.Log,
				Metrics: d.Metrics, Inbox: d.Inbox, HTTPClient: d.WrapClient(defaultHTTPClient())})
			if err != nil {
				return nil, err
			}
			return &adapter.Running{Platform: tm, Routes: tm.Routes, Close: tm.Close}, nil
		},
	}
}
