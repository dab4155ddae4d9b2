package slack

import (
	"context"
	"errors"
	"time"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// How long lookups are cached in Redis.
const (
	knownTTL   = 7 * 24 * time.Hour
	unknownTTL = 10 * time.Minute
	unknownVal = "-" // cached "not in the directory"
)

// UserHandle implements bot.Platform: the directory's slack_id, else
// users.info → e-mail → directory (then linked and cached in Redis).
func (a *Adapter) UserHandle(ctx context.Context, id string) (string, error) {
	if p, ok := a.dir.BySlackID(id); ok {
		return p.Handle, nil
	}
	if h, ok := a.users.get(id); ok {
		return known(h)
	}
	h, err := a.cached(ctx, []string{"slack", "user", id}, func(ctx context.Context) (string, error) {
		return a.handleByInfo(ctx, id)
	})
	if err != nil {
		return "", err
	}
	if h != "" {
		a.dir.Link(Platform, h, id)
	}
	a.users.put(id, h)
	return known(h)
}

func known(h string) (string, error) {
	if h == "" {
		return "", bot.ErrUnknownUser
	}
	return h, nil
}

// handleByInfo asks users.info for the e-mail and finds it in the directory
// ("" when the person is not there).
func (a *Adapter) handleByInfo(ctx context.Context, id string) (string, error) {
	var u *slack.User
	err := a.call(ctx, "users.info", func(ctx context.Context) error {
		var err error
		u, err = a.api.GetUserInfoContext(ctx, id)
		return err
	})
	if hasCode(err, "user_not_found") {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if u.IsBot || u.Deleted || u.Profile.Email == "" {
		return "", nil
	}
	p, ok := a.dir.ByEmail(u.Profile.Email)
	if !ok {
		return "", nil
	}
	return p.Handle, nil
}

// slackID maps a directory handle to a Slack user id: slack_id, else
// users.lookupByEmail (cached in Redis).
func (a *Adapter) slackID(ctx context.Context, handle string) (string, error) {
	p, ok := a.dir.Person(handle)
	if !ok {
		return "", bot.Refusef("@%s is not in the jointwork directory.", handle)
	}
	if p.SlackID != "" {
		return p.SlackID, nil
	}
	if id, ok := a.ids.get(p.Handle); ok && id != "" {
		return id, nil
	}
	if p.Email == "" {
		return "", bot.Refusef("I can't find @%s on Slack: the directory has neither a Slack id nor an e-mail address for them.", p.Handle)
	}
	id, err := a.cached(ctx, []string{"slack", "handle", p.Handle}, func(ctx context.Context) (string, error) {
		var u *slack.User
		err := a.call(ctx, "users.lookupByEmail", func(ctx context.Context) error {
			var err error
			u, err = a.api.GetUserByEmailContext(ctx, p.Email)
			return err
		})
		if hasCode(err, "users_not_found", "user_not_found") {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		return u.ID, nil
	})
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", bot.Refusef("@%s is not in this Slack workspace (no Slack account with their directory e-mail address).", p.Handle)
	}
	a.ids.put(p.Handle, id)
	a.dir.Link(Platform, p.Handle, id)
	return id, nil
}

// dmChannel returns the id of the DM between the bot and a Slack user
// (conversations.open, cached).
func (a *Adapter) dmChannel(ctx context.Context, user string) (string, error) {
	if ch, ok := a.dms.get(user); ok {
		return ch, nil
	}
	ch, err := a.cached(ctx, []string{"slack", "dm", user}, func(ctx context.Context) (string, error) {
		var id string
		err := a.call(ctx, "conversations.open", func(ctx context.Context) error {
			c, _, _, err := a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
			if err == nil {
				id = c.ID
			}
			return err
		})
		return id, err
	})
	if err != nil {
		return "", err
	}
	a.dms.put(user, ch)
	return ch, nil
}

// cached reads key from Redis, or computes the value with fetch and stores
// it ("" is stored as "not found" for a shorter time). Redis trouble only
// costs a Slack call: the value is fetched and not stored.
func (a *Adapter) cached(ctx context.Context, key []string, fetch func(context.Context) (string, error)) (string, error) {
	v, err := a.store.Value(ctx, key...)
	switch {
	case err == nil && v == unknownVal:
		return "", nil
	case err == nil:
		return v, nil
	case !errors.Is(err, state.ErrNotFound):
		a.log.Warn("slack cache read failed", "err", err)
	}
	v, err = fetch(ctx)
	if err != nil {
		return "", err
	}
	stored, ttl := v, knownTTL
	if v == "" {
		stored, ttl = unknownVal, unknownTTL
	}
	if err := a.store.SetValues(ctx, state.KV{Key: key, Value: stored, TTL: ttl}); err != nil {
		a.log.Warn("slack cache write failed", "err", err)
	}
	return v, nil
}
