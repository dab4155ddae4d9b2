package slack

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jointwork/jointwork/bot"
)

// TestEventWithoutIDDeduplicated: an event with an empty event_id delivered
// twice (a retry repeats the body) is handled once; a different body is not
// taken for a retry.
func TestEventWithoutIDDeduplicated(t *testing.T) {
	h := newHarness(t)
	h.fake.addChannel("C1", "general", botUser, "U1")
	ev := map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "ts": "10.000001", "text": "<@UBOT> count"}
	h.event("", ev)
	h.event("", ev)
	if n := h.count.Load(); n != 1 {
		t.Fatalf("count ran %d times for one event delivered twice, want 1", n)
	}
	ev["ts"] = "10.000002"
	h.event("", ev)
	if n := h.count.Load(); n != 2 {
		t.Fatalf("count ran %d times after a second event, want 2", n)
	}
}

// TestTimestampWindow: a signature more than five minutes old or more than
// five minutes in the future is refused; one within the window is taken.
func TestTimestampWindow(t *testing.T) {
	h := newHarness(t)
	body := eventBody("EvWin", map[string]any{"type": "reaction_added", "user": "U1"})
	for _, tc := range []struct {
		name string
		skew time.Duration
		want int
	}{{"now", 0, 200}, {"4 min ago", -4 * time.Minute, 200}, {"6 min ago", -6 * time.Minute, 401},
		{"4 min ahead", 4 * time.Minute, 200}, {"6 min ahead", 6 * time.Minute, 401}} {
		code, _ := h.post(PathEvents, "application/json", body, sign(body, time.Now().Add(tc.skew), testSecret))
		if code != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, code, tc.want)
		}
	}
}

// TestValueLimits: button values are cut to 2,000 characters and option
// values to 150, Slack's limits.
func TestValueLimits(t *testing.T) {
	long := strings.Repeat("é", 2500)
	el := button(0, bot.Button{Label: "Go", Command: long})
	if n := utf8.RuneCountInString(el.Value); n > maxButtonValue || n < maxButtonValue-1 {
		t.Errorf("button value has %d characters, want at most %d", n, maxButtonValue)
	}
	opts := options([]bot.Option{{Label: "x", Value: long}, {Label: "y", Value: "short"}})
	if n := utf8.RuneCountInString(opts[0].Value); n > maxOptionValue {
		t.Errorf("option value has %d characters, want at most %d", n, maxOptionValue)
	}
	if opts[1].Value != "short" {
		t.Errorf("short option value changed to %q", opts[1].Value)
	}
}
