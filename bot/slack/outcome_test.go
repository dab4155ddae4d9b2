package slack

import (
	"strings"
	"testing"
)

// After a settling button (here Accept) the message is replaced through the
// response_url: its text stays, the buttons go, the outcome line is added.
// A button that only opens something (here "decide") leaves it alone.
func TestButtonSettlesItsMessage(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "case", botUser, "U1", "U3")
	press := func(value, label, resp string) {
		h.interact(map[string]any{"type": "block_actions", "trigger_id": "trig-" + resp, "user": map[string]any{"id": "U3"},
			"container":    map[string]any{"type": "message", "channel_id": "C1", "message_ts": "20.000001"},
			"channel":      map[string]any{"id": "C1"},
			"response_url": h.fake.responseURL(resp),
			"message": map[string]any{"ts": "20.000001", "blocks": []map[string]any{
				{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": "Formal request R1 for joint work"}},
				{"type": "actions", "elements": []map[string]any{{"type": "button", "action_id": "jw:run:0", "value": value,
					"text": map[string]any{"type": "plain_text", "text": label}}}}}},
			"actions": []map[string]any{{"action_id": "jw:run:0", "block_id": "b1", "type": "button", "value": value,
				"action_ts": "1.1", "text": map[string]any{"type": "plain_text", "text": label}}}})
	}
	before := h.fake.webhookCount()
	press("request accept R1", "Accept", "b1")
	if h.fake.webhookCount() != before+1 {
		t.Fatalf("no response_url update after Accept (%d → %d)", before, h.fake.webhookCount())
	}
	w := h.fake.webhooks[len(h.fake.webhooks)-1]
	blocks, _ := w["blocks"].(string)
	if w["replace_original"] != "true" || strings.Contains(blocks, `"actions"`) ||
		!strings.Contains(blocks, "Formal request R1 for joint work") || !strings.Contains(blocks, `Accept — \u003c@U3\u003e`) {
		t.Fatalf("update %v", w)
	}
	before = h.fake.webhookCount()
	press("decide", "Decide", "b2")
	for _, w := range h.fake.webhooks[before:] {
		if w["replace_original"] == "true" {
			t.Fatalf("a non-settling button replaced its message: %v", w)
		}
	}
}
