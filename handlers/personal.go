package handlers

import (
	"context"

	"github.com/jointwork/jointwork/bot"
)

// Personal views list a person's work across all their cases (home, task
// mine, escalations) or confirm something about another case (case open
// typed in a case channel, ack, snooze). Typed in a shared channel, their
// replies must not be posted there: they go to the asker alone (an
// ephemeral message, which Teams delivers by DM).
var personalViews = map[string]bool{
	"home": true, "task mine": true, "escalations": true, "ack": true, "snooze": true,
	"case open": true, "cases": true,
}

// personal wraps the Run of personal views so that replies typed in a
// channel reach only the asker.
func personal(cmds []*bot.Command) []*bot.Command {
	for _, c := range cmds {
		if !personalViews[c.Name] || c.Run == nil {
			continue
		}
		run := c.Run
		c.Run = func(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
			msgs, err := run(ctx, r)
			if r.Event == nil || r.Event.Place.Kind != bot.Channel {
				return msgs, err
			}
			for i := range msgs {
				msgs[i] = onlyTo(r, msgs[i])
			}
			return msgs, err
		}
	}
	return cmds
}

// onlyTo turns a reply in the event's channel into one for the asker alone.
func onlyTo(r *bot.Request, m bot.Message) bot.Message {
	switch {
	case m.To.Kind == bot.Reply,
		(m.To.Kind == bot.ToChannel || m.To.Kind == bot.ToThread) && m.To.Channel == r.Event.Place.Channel:
		m.To = bot.Target{Kind: bot.Ephemeral, User: r.Actor.Handle}
	}
	return m
}
