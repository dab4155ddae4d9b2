package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode connects to Slack over Socket Mode (SLACK_APP_TOKEN) and
// handles its requests until ctx ends: the same parsing, queue and replies
// as the HTTP endpoints, with acks sent over the socket. A request the
// queue cannot take is not acked, so Slack delivers it again.
func (a *Adapter) RunSocketMode(ctx context.Context) error {
	if a.cfg.SlackAppToken == "" {
		return errors.New("slack: Socket Mode needs SLACK_APP_TOKEN (xapp-…)")
	}
	sm := socketmode.New(a.api)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- sm.RunContext(ctx) }()
	for {
		select {
		case err := <-done:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case evt := <-sm.Events:
			if err := a.socketEvent(ctx, sm, evt); err != nil {
				return err
			}
		}
	}
}

// socketEvent handles one Socket Mode event; only a rejected token ends
// the connection for good.
func (a *Adapter) socketEvent(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) error {
	var res ack
	if evt.Request == nil && (evt.Type == socketmode.EventTypeEventsAPI ||
		evt.Type == socketmode.EventTypeSlashCommand || evt.Type == socketmode.EventTypeInteractive) {
		return nil
	}
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		res = a.event(evt.Request.Payload, retryOf(evt.Request), a.enqueue)
	case socketmode.EventTypeSlashCommand:
		var c slashCommand
		if err := json.Unmarshal(evt.Request.Payload, &c); err != nil {
			res = ackBad
		} else {
			res = a.command(c, evt.Request.Payload, a.enqueue)
		}
	case socketmode.EventTypeInteractive:
		res = a.interaction(evt.Request.Payload, a.enqueue)
	case socketmode.EventTypeInvalidAuth:
		return errors.New("slack: socket mode: the app-level token was refused (invalid_auth)")
	case socketmode.EventTypeConnected:
		a.log.Info("slack socket mode connected")
		return nil
	case socketmode.EventTypeConnectionError:
		a.log.Warn("slack socket mode connection error; reconnecting")
		return nil
	default:
		return nil
	}
	if res.retry {
		return nil
	}
	var payload any
	if res.body != nil {
		payload = res.body
	}
	if err := sm.AckCtx(ctx, evt.Request.EnvelopeID, payload); err != nil {
		a.log.Warn("slack socket mode ack failed", "err", err)
	}
	return nil
}

func retryOf(r *socketmode.Request) string {
	if r == nil || r.RetryAttempt == 0 {
		return ""
	}
	return fmt.Sprint(r.RetryAttempt)
}
