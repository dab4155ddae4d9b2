package slack

import (
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// Slack's chat.postMessage takes no idempotency key, so a reply Slack took
// just before the replica that sent it died (before the kernel recorded it
// sent) would be posted twice by the replica that re-sends it. To close
// that window as far as Slack allows, every message posted for a journaled
// reply carries message metadata of type replyEventType whose payload holds
// only the reply's opaque key (bot.ReplyMark; no text, no personal data).
// A re-send first reads the conversation (or thread) since the reply was
// kept, one page of historyPage messages, and posts nothing when a message
// with that key is there. When that read fails (a missing history scope,
// a rate limit, an outage), the reply is posted anyway: at least once
// rather than at most once. Ephemeral messages and response_url answers
// cannot be read back, so they stay at least once; so does a reply with a
// file (its upload carries no metadata).
const (
	replyEventType = "jointwork_reply"
	replyKeyField  = "key"
	historyPage    = 100
	// historySkew widens the window read back, for a replica clock behind
	// Slack's.
	historySkew = 5 * time.Minute
)

// replyMetadata attaches the reply's key to a message posted with ctx, when
// it is a journaled reply.
func replyMetadata(ctx context.Context) slack.MsgOption {
	mk, ok := bot.ReplyMarkOf(ctx)
	if !ok || mk.Key == "" {
		return slack.MsgOptionCompose()
	}
	return slack.MsgOptionMetadata(slack.SlackMetadata{EventType: replyEventType,
		EventPayload: map[string]any{replyKeyField: mk.Key}})
}

// resentBefore reports, for a re-send of a journaled reply (not a first
// try), the ts of the message Slack already took for it in channel ch (or
// thread), or "" when there is none or it cannot be told.
func (a *Adapter) resentBefore(ctx context.Context, ch, thread string, m bot.Message) string {
	mk, ok := bot.ReplyMarkOf(ctx)
	if !ok || !mk.Resend || mk.Key == "" || m.File != nil {
		return ""
	}
	msgs, err := a.recent(ctx, ch, thread, mk.Since)
	if err != nil {
		a.log.Warn("slack: re-sent reply not checked against the conversation; posting it", "channel", ch, "err", err)
		return ""
	}
	for _, msg := range msgs {
		if msg.Metadata.EventType == replyEventType && msg.Metadata.EventPayload[replyKeyField] == mk.Key {
			return msg.Timestamp
		}
	}
	return ""
}

// recent reads one page of the messages of a conversation, or of a thread,
// since a time (zero: the latest page), with their metadata. It is one
// call, not retried: its failure costs a possible duplicate, not a reply.
func (a *Adapter) recent(ctx context.Context, ch, thread string, since time.Time) ([]slack.Message, error) {
	oldest := ""
	if !since.IsZero() {
		t := since.Add(-historySkew)
		oldest = fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
	}
	if thread != "" {
		msgs, _, _, err := a.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: ch, Timestamp: thread, Oldest: oldest, Limit: historyPage, IncludeAllMetadata: true})
		if err != nil {
			return nil, newAPIError("conversations.replies", err)
		}
		return msgs, nil
	}
	res, err := a.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID: ch, Oldest: oldest, Limit: historyPage, IncludeAllMetadata: true})
	if err != nil {
		return nil, newAPIError("conversations.history", err)
	}
	return res.Messages, nil
}
