package slack

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jointwork/jointwork/internal/waittest"
)

// TestSocketModeStoresBeforeAck: over Socket Mode too, an event and a
// slash command are stored in the inbox before their ack; a replica whose
// workers never run acks both, and a second replica runs them, once each.
func TestSocketModeStoresBeforeAck(t *testing.T) {
	h := deadReplicaHarness(t, func(o *Options) { o.Config.SlackAppToken = "xapp-test" })
	h.fake.addChannel("C1", "general", botUser, "U1")
	envelopes, acks := fakeSocket(h)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.a.RunSocketMode(ctx) }()
	defer func() { close(envelopes); cancel(); <-done }()

	mention := json.RawMessage(eventBody("EvSockDur", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.000001", "text": "<@UBOT> count"}))
	slash := map[string]any{"user_id": "U1", "channel_id": "C1", "channel_name": "general", "command": "/jointwork",
		"text": "count", "trigger_id": "trig-sock-dur"}
	envelopes <- map[string]any{"type": "events_api", "envelope_id": "e1", "payload": mention}
	envelopes <- map[string]any{"type": "slash_commands", "envelope_id": "e2", "payload": slash}
	got := map[string]bool{}
	timeout := time.After(10 * time.Second)
	for len(got) < 2 {
		select {
		case a := <-acks:
			got[a.EnvelopeID] = true
		case <-timeout:
			t.Fatalf("acks received: %v", got)
		}
	}
	if n, _, err := h.store.InboxLen(ctx); err != nil || n != 2 || h.count.Load() != 0 {
		t.Fatalf("after the acks: %d stored (%v), count ran %d times; want 2 stored, none run", n, err, h.count.Load())
	}
	secondReplica(t, h)
	waittest.For(t, "both requests run", func() bool {
		n, _, err := h.store.InboxLen(ctx)
		return h.count.Load() == 2 && err == nil && n == 0
	})
}
