package slack

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/jointwork/jointwork/bot"
)

// envelope is the outer Events API payload; only the fields used are read.
type envelope struct {
	Type           string     `json:"type"`
	Challenge      string     `json:"challenge"`
	EventID        string     `json:"event_id"`
	Event          innerEvent `json:"event"`
	Authorizations []struct {
		UserID string `json:"user_id"`
		IsBot  bool   `json:"is_bot"`
	} `json:"authorizations"`
}

// innerEvent holds the fields of app_mention, message.im, app_home_opened and
// member_joined_channel.
type innerEvent struct {
	Type        string `json:"type"`
	Subtype     string `json:"subtype"`
	User        string `json:"user"`
	BotID       string `json:"bot_id"`
	Text        string `json:"text"`
	Channel     string `json:"channel"`
	ChannelType string `json:"channel_type"`
	Ts          string `json:"ts"`
	ThreadTs    string `json:"thread_ts"`
	Tab         string `json:"tab"`
}

// event parses one Events API payload and queues its work.
func (a *Adapter) event(body []byte, retryNum string, put sink) ack {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		// Events the bot does not subscribe to may carry objects where
		// innerEvent has strings (user_change): not for the bot.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			a.log.Debug("slack event ignored: unexpected shape", "event", env.EventID)
			return ackOK
		}
		return ackBad
	}
	switch env.Type {
	case "url_verification":
		return ack{status: 200, body: env.Challenge}
	case "event_callback":
	default:
		return ackOK
	}
	e := env.Event
	if env.EventID == "" { // nothing to deduplicate on: a retry repeats the body
		env.EventID = requestID("body-", "", body)
	}
	if retryNum != "" {
		a.log.Debug("slack event retry", "event", env.EventID, "retry", retryNum)
	}
	job := a.eventJob(&env, e)
	if job == nil {
		return ackOK
	}
	if !put(job) {
		a.busy("event")
		return ackBusy
	}
	return ackOK
}

// eventJob returns the work for an event, or nil when it is not for the bot.
func (a *Adapter) eventJob(env *envelope, e innerEvent) func(context.Context) {
	self := ""
	for _, au := range env.Authorizations {
		if au.IsBot && au.UserID != "" {
			self = au.UserID
			a.learnSelf(self)
			break
		}
	}
	if e.BotID != "" || e.User == "" || (self != "" && e.User == self) {
		return nil // the bot's own messages and other apps' messages
	}
	id := env.EventID
	switch {
	case e.Type == "app_mention" && e.Subtype == "" && !strings.HasPrefix(e.Channel, "D"):
		return func(ctx context.Context) { a.onMessage(ctx, id, e, self, true) }
	case e.Type == "message" && e.ChannelType == "im" && e.Subtype == "":
		return func(ctx context.Context) { a.onMessage(ctx, id, e, self, false) }
	case e.Type == "app_home_opened" && e.Tab == "home":
		return func(ctx context.Context) { a.publishHome(ctx, e.User, e.Channel) }
	case e.Type == "member_joined_channel" && e.Channel != "":
		return func(ctx context.Context) { a.bot.Joined(ctx, a, e.Channel, e.User) }
	}
	return nil
}

// onMessage runs an @mention or a direct message through the bot.
func (a *Adapter) onMessage(ctx context.Context, id string, e innerEvent, self string, mention bool) {
	in := &inbound{user: e.User, channel: e.Channel, thread: e.ThreadTs, dm: !mention}
	ctx = withInbound(ctx, in)
	text := e.Text
	if mention {
		text = stripMention(text, self)
	}
	place := bot.Place{Kind: bot.DM, Channel: e.Channel, Thread: e.ThreadTs}
	if mention {
		place.Kind = bot.Channel
	}
	ev := &bot.Event{
		ID: id, Platform: Platform, UserID: e.User, Place: place,
		Text: a.fromSlack(ctx, text), Mention: mention, At: tsTime(e.Ts),
	}
	a.bot.Handle(ctx, a, ev)
}

// stripMention removes the bot's own mention (or, when the bot's id is not
// known, a leading mention) from an app_mention's text.
func stripMention(text, self string) string {
	if self != "" {
		for _, m := range []string{"<@" + self + ">", "<@" + self + "|"} {
			if i := strings.Index(text, m); i >= 0 {
				j := i + len(m)
				if strings.HasSuffix(m, "|") {
					k := strings.IndexByte(text[j:], '>')
					if k < 0 {
						break
					}
					j += k + 1
				}
				return strings.TrimSpace(strings.TrimSpace(text[:i]) + " " + strings.TrimSpace(text[j:]))
			}
		}
		return strings.TrimSpace(text)
	}
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "<@") {
		if k := strings.IndexByte(t, '>'); k > 0 {
			return strings.TrimSpace(t[k+1:])
		}
	}
	return t
}

// learnSelf records the bot's own user id from an event's authorizations.
func (a *Adapter) learnSelf(id string) {
	a.selfMu.Lock()
	a.self = id
	a.selfMu.Unlock()
}

// selfID returns the bot's user id, asking auth.test once when unknown.
func (a *Adapter) selfID(ctx context.Context) string {
	a.selfMu.Lock()
	id := a.self
	a.selfMu.Unlock()
	if id != "" {
		return id
	}
	err := a.call(ctx, "auth.test", func(ctx context.Context) error {
		r, err := a.api.AuthTestContext(ctx)
		if err == nil {
			id = r.UserID
		}
		return err
	})
	if err != nil {
		a.log.Warn("slack auth.test failed", "err", err)
		return ""
	}
	a.learnSelf(id)
	return id
}
