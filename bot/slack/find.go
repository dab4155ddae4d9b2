package slack

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// listPage is how many channels one conversations.list call asks for.
const listPage = 200

var _ bot.ChannelFinder = (*Adapter)(nil)

// FindChannel implements bot.ChannelFinder with conversations.list
// (private channels the bot is in, archived ones left out, every page),
// so case open finds a channel it made before a crash kept its id.
func (a *Adapter) FindChannel(ctx context.Context, name string) (bot.ChannelInfo, bool, error) {
	params := &slack.GetConversationsParameters{Types: []string{"private_channel"}, ExcludeArchived: true, Limit: listPage}
	for {
		var page []slack.Channel
		var next string
		err := a.call(ctx, "conversations.list", func(ctx context.Context) error {
			var err error
			page, next, err = a.api.GetConversationsContext(ctx, params)
			return err
		})
		if err != nil {
			return bot.ChannelInfo{}, false, fmt.Errorf("slack: list channels: %w", err)
		}
		for _, c := range page {
			if c.Name == name && !c.IsArchived {
				return bot.ChannelInfo{ID: c.ID, Name: c.Name}, true, nil
			}
		}
		if next == "" {
			return bot.ChannelInfo{}, false, nil
		}
		params.Cursor = next
	}
}
