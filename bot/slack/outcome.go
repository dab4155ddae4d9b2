package slack

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// settles reports whether pressing a button running cmd settles its message.
var settles = bot.Settles

// settle replaces the message whose button was pressed (through the
// interaction's response_url, replace_original): its text stays, its
// buttons go, and a line says what was done and by whom.
func (a *Adapter) settle(ctx context.Context, resp string, blocks slack.Blocks, label, user string) {
	if resp == "" {
		return
	}
	var kept []slack.Block
	text := ""
	for _, b := range blocks.BlockSet {
		if b.BlockType() == slack.MBTAction {
			continue
		}
		if s, ok := b.(*slack.SectionBlock); ok && s.Text != nil && text == "" {
			text = s.Text.Text
		}
		kept = append(kept, b)
	}
	done := slack.NewContextBlock("jw:outcome", slack.NewTextBlockObject(slack.MarkdownType,
		":white_check_mark: "+escaper.Replace(label)+" — <@"+user+">", false, false))
	kept = append(kept, done)
	if text == "" {
		text = label
	}
	msg := &slack.WebhookMessage{ReplaceOriginal: true, Text: text, Blocks: &slack.Blocks{BlockSet: kept}}
	err := a.call(ctx, "response_url", func(ctx context.Context) error {
		return slack.PostWebhookCustomHTTPContext(ctx, resp, a.http, msg)
	})
	if err != nil {
		a.log.Warn("slack: message not updated after a button", "err", err)
	}
}
