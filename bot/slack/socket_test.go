package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// socketAck is what the adapter sends back over the socket.
type socketAck struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
}

// fakeSocket makes the harness's fake Slack serve Socket Mode: envelopes
// written to the first channel are sent; acks read come on the second.
func fakeSocket(h *harness) (chan<- any, <-chan socketAck) {
	acks := make(chan socketAck, 16)
	envelopes := make(chan any, 16)
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	h.fake.mu.Lock()
	defer h.fake.mu.Unlock()
	h.fake.socket = func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.WriteJSON(map[string]any{"type": "hello", "num_connections": 1})
		go func() {
			for {
				var a socketAck
				if err := c.ReadJSON(&a); err != nil {
					return
				}
				acks <- a
			}
		}()
		for env := range envelopes {
			if err := c.WriteJSON(env); err != nil {
				return
			}
		}
	}
	return envelopes, acks
}

func TestSocketMode(t *testing.T) {
	h := newHarnessWith(t, func(o *Options) { o.Config.SlackAppToken = "xapp-test" })
	h.fake.addChannel("C1", "general", botUser, "U1")
	envelopes, acks := fakeSocket(h)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.a.RunSocketMode(ctx) }()

	mention := json.RawMessage(eventBody("EvSock", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.000001", "text": "<@UBOT> count"}))
	envelopes <- map[string]any{"type": "events_api", "envelope_id": "e1", "payload": mention}
	envelopes <- map[string]any{"type": "events_api", "envelope_id": "e2", "payload": mention, "retry_attempt": 1, "retry_reason": "timeout"}
	slash := map[string]any{"user_id": "U1", "channel_id": "C1", "channel_name": "general", "command": "/jointwork",
		"text": "echo over the socket", "trigger_id": "trig-sock"}
	envelopes <- map[string]any{"type": "slash_commands", "envelope_id": "e3", "payload": slash}
	got := map[string]bool{}
	timeout := time.After(10 * time.Second)
	for len(got) < 3 {
		select {
		case a := <-acks:
			got[a.EnvelopeID] = true
		case <-timeout:
			t.Fatalf("acks received: %v", got)
		}
	}
	h.idle()
	if n := h.count.Load(); n != 1 {
		t.Fatalf("count ran %d times over the socket, want 1 (retry deduplicated)", n)
	}
	if a := h.lastArgs("chat.postMessage"); a["text"] != "echo: over the socket from <@U1>" {
		t.Fatalf("slash reply %v", a)
	}
	close(envelopes)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("RunSocketMode: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("RunSocketMode did not stop with its context")
	}
}

func TestSocketModeNeedsAppToken(t *testing.T) {
	h := newHarness(t)
	if err := h.a.RunSocketMode(context.Background()); err == nil {
		t.Fatal("Socket Mode started without SLACK_APP_TOKEN")
	}
}
