package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// ReplyMark names one reply of an event kept in the reply journal, for a
// platform that can tell whether it already took it. The kernel gives it
// to Send through the context (ReplyMarkOf) when it delivers journaled
// replies.
type ReplyMark struct {
	// Key is an opaque id of the reply (a hash of the event and the
	// reply's place among the event's replies): the same on the first try
	// and on every re-send, and holding no personal data or text.
	Key string
	// Resend is set when the reply is sent again because the run that kept
	// it died before recording it sent: the platform may have taken it.
	Resend bool
	// Since is when the reply was kept (zero when unknown): a platform
	// that took it took it after that.
	Since time.Time
}

type replyMarkKey struct{}

// WithReplyMark returns ctx carrying m for the Send it is passed to.
func WithReplyMark(ctx context.Context, m ReplyMark) context.Context {
	return context.WithValue(ctx, replyMarkKey{}, m)
}

// ReplyMarkOf returns the mark of the reply being sent with ctx, if it is
// a journaled reply.
func ReplyMarkOf(ctx context.Context) (ReplyMark, bool) {
	m, ok := ctx.Value(replyMarkKey{}).(ReplyMark)
	return m, ok
}

// journaled describes the replies of one event handed to Deliver, so that
// each gets its ReplyMark.
type journaled struct {
	event  string // the event's key in the journal
	resend bool
	since  time.Time
}

type journaledKey struct{}

func withJournaled(ctx context.Context, j journaled) context.Context {
	return context.WithValue(ctx, journaledKey{}, j)
}

// markReply returns ctx for sending reply i of the replies in ctx, marked
// when they are journaled ones.
func markReply(ctx context.Context, i int) context.Context {
	j, ok := ctx.Value(journaledKey{}).(journaled)
	if !ok {
		return ctx
	}
	sum := sha256.Sum256([]byte(j.event + "#" + strconv.Itoa(i)))
	return WithReplyMark(ctx, ReplyMark{Key: hex.EncodeToString(sum[:12]), Resend: j.resend, Since: j.since})
}
