package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
)

func (h *Handlers) digestCommands() []*bot.Command {
	return []*bot.Command{{
		Name:        "escalations digest",
		Usage:       "on|off",
		Description: "For managers: on, what waits for you comes once a day in working hours as one direct message instead of one ping each; off, each ping comes as it is due.",
		Examples:    []string{"/jointwork escalations digest on", "/jointwork escalations digest off"},
		MinArgs:     1, MaxArgs: 1,
		Run: h.digest,
	}}
}

func (h *Handlers) digest(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	var on bool
	switch strings.ToLower(r.Arg(0)) {
	case "on":
		on = true
	case "off":
	default:
		return nil, bot.Refusef("Say `/jointwork escalations digest on` or `off`, not %q.", r.Arg(0))
	}
	if err := h.Store.SetDigest(ctx, r.Actor.Handle, on); err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	text := "Daily digest off: each escalation ping comes to you as it is due."
	if on {
		text = fmt.Sprintf("Daily digest on: what waits for you comes in one direct message at the start of each working day (%s).", h.Policy.Hours)
	}
	return []bot.Message{escalationReply(r, text)}, nil
}
