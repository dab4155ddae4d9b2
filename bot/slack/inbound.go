package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// inbound is what the adapter knows about the request being handled; it
// travels in the context from the ack to Send, so replies can use the
// slash command's response_url or the interaction's trigger_id.
type inbound struct {
	user        string // Slack user id of the actor
	channel     string // where the request came from ("" for none)
	thread      string
	dm          bool // channel is the actor's DM with the bot
	home        bool // came from the App Home tab
	responseURL string
	trigger     string
	used        atomic.Bool // the trigger_id has opened a modal
}

type inboundKey struct{}

func withInbound(ctx context.Context, in *inbound) context.Context {
	return context.WithValue(ctx, inboundKey{}, in)
}

// inboundOf returns the request in ctx, or nil for timed work.
func inboundOf(ctx context.Context) *inbound {
	in, _ := ctx.Value(inboundKey{}).(*inbound)
	return in
}

// takeTrigger returns the trigger_id once; views.open accepts it only once.
func (in *inbound) takeTrigger() string {
	if in == nil || in.trigger == "" || in.used.Swap(true) {
		return ""
	}
	return in.trigger
}

// ownDM reports whether a reply to slackUser in channel is private to the
// actor in the actor's own DM with the bot.
func (in *inbound) ownDM(channel, slackUser string) bool {
	return in != nil && in.dm && channel == in.channel && slackUser == in.user
}

// requestID is the dedupe id of a slash command or interaction: its
// trigger_id, else a digest of the raw payload (a retry repeats both).
func requestID(prefix, trigger string, raw []byte) string {
	if trigger != "" {
		return prefix + trigger
	}
	sum := sha256.Sum256(raw)
	return prefix + hex.EncodeToString(sum[:12])
}

// tsTime converts a Slack timestamp ("1712345678.000200") to a time.
func tsTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Now()
	}
	var us int64
	if len(frac) == 6 {
		us, _ = strconv.ParseInt(frac, 10, 64)
	}
	return time.Unix(s, us*1000)
}
