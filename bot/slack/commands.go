package slack

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot"
)

// slashCommand is the part of a slash command request the bot uses. The
// JSON tags match Socket Mode's payload; HTTP sends the same as a form.
type slashCommand struct {
	UserID      string `json:"user_id"`
	ChannelID   string `json:"channel_id"`
	ChannelName string `json:"channel_name"`
	Command     string `json:"command"`
	Text        string `json:"text"`
	ResponseURL string `json:"response_url"`
	TriggerID   string `json:"trigger_id"`
	SSLCheck    string `json:"ssl_check"` // "1": Slack checking the certificate, nothing to run
}

// parseSlash reads the fields the bot uses from a slash command's form
// body, without building a map of every field (this is on the ack path).
func parseSlash(body []byte) (slashCommand, error) {
	var c slashCommand
	for rest := body; len(rest) > 0; {
		var pair []byte
		pair, rest, _ = bytes.Cut(rest, []byte{'&'})
		k, v, _ := bytes.Cut(pair, []byte{'='})
		dst := c.field(k)
		if dst == nil || *dst != "" {
			continue
		}
		val, err := url.QueryUnescape(string(v))
		if err != nil {
			return slashCommand{}, fmt.Errorf("slack: slash command field %s: %w", k, err)
		}
		*dst = val
	}
	return c, nil
}

// field returns where a form field goes, or nil for fields not used.
func (c *slashCommand) field(k []byte) *string {
	switch string(k) {
	case "user_id":
		return &c.UserID
	case "channel_id":
		return &c.ChannelID
	case "channel_name":
		return &c.ChannelName
	case "command":
		return &c.Command
	case "text":
		return &c.Text
	case "response_url":
		return &c.ResponseURL
	case "trigger_id":
		return &c.TriggerID
	case "ssl_check":
		return &c.SSLCheck
	}
	return nil
}

// command queues a slash command. The ack has no body, so Slack shows
// nothing until the reply arrives, except for commands marked Slow, which
// get a private "working on it" at once; a full queue answers "busy".
func (a *Adapter) command(c slashCommand, raw []byte, put sink) ack {
	if c.SSLCheck == "1" {
		return ackOK
	}
	if c.UserID == "" || c.ChannelID == "" {
		return ackBad
	}
	id := requestID("cmd:", c.TriggerID, raw)
	at := time.Now()
	if !put(func(ctx context.Context) { a.onCommand(ctx, id, c, at) }) {
		a.busy("slash command")
		return ack{status: 200, body: ephemeralBody{ResponseType: "ephemeral", Text: busyText}}
	}
	if a.bot.Slow(c.Text) {
		return ack{status: 200, body: ephemeralBody{ResponseType: "ephemeral", Text: workingText}}
	}
	return ackOK
}

func (a *Adapter) onCommand(ctx context.Context, id string, c slashCommand, at time.Time) {
	in := &inbound{user: c.UserID, channel: c.ChannelID, responseURL: c.ResponseURL, trigger: c.TriggerID}
	place := bot.Place{Kind: bot.Channel, Channel: c.ChannelID}
	if a.isBotDM(ctx, c.UserID, c.ChannelID) {
		place.Kind, in.dm = bot.DM, true
	}
	ctx = withInbound(ctx, in)
	ev := &bot.Event{
		ID: id, Platform: Platform, UserID: c.UserID, Place: place,
		Text: a.fromSlack(ctx, c.Text), Command: true, At: at, ResponseURL: c.ResponseURL,
	}
	a.bot.Handle(ctx, a, ev)
}

// isBotDM reports whether channel is user's direct message with the bot
// (not a DM between two people, where the bot cannot post).
func (a *Adapter) isBotDM(ctx context.Context, user, channel string) bool {
	if !strings.HasPrefix(channel, "D") {
		return false
	}
	dm, err := a.dmChannel(ctx, user)
	return err == nil && dm == channel
}
