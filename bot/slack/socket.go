package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode connects to Slack over Socket Mode (SLACK_APP_TOKEN) and
// handles its requests until ctx ends: the same parsing, durable inbox
// (each request with work is stored before its ack), queue and replies as
// the HTTP endpoints, with acks sent over the socket. A request that cannot
// be stored or queued is not acked, so Slack delivers it again.
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
		h := http.Header{}
		if r := retryOf(evt.Request); r != "" {
			h.Set("X-Slack-Retry-Num", r)
		}
		res = a.accept(ctx, srcEvents, evt.Request.Payload, h, a.parseEvent)
	case socketmode.EventTypeSlashCommand:
		res = a.accept(ctx, srcSocketCommands, evt.Request.Payload, nil, a.parseSocketCommand)
	case socketmode.EventTypeInteractive:
		res = a.accept(ctx, srcSocketInteractivity, evt.Request.Payload, nil, a.parseSocketInteraction)
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

// parseSocketCommand parses a slash command as Socket Mode sends it (JSON).
func (a *Adapter) parseSocketCommand(body []byte, _ http.Header, put sink) ack {
	var c slashCommand
	if err := json.Unmarshal(body, &c); err != nil {
		return ackBad
	}
	return a.command(c, body, put)
}

// parseSocketInteraction parses an interaction as Socket Mode sends it
// (the payload itself, not a form).
func (a *Adapter) parseSocketInteraction(body []byte, _ http.Header, put sink) ack {
	return a.interaction(body, put)
}

func retryOf(r *socketmode.Request) string {
	if r == nil || r.RetryAttempt == 0 {
		return ""
	}
	return fmt.Sprint(r.RetryAttempt)
}
