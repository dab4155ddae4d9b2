package slack

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// HomeCommand is the hidden command whose replies make up the App Home tab.
const HomeCommand = "home"

const homeEmpty = "Nothing needs you right now. Type `/jointwork help` to see what I can do."

// publishHome runs the home command as the user and publishes its messages
// as their App Home tab (views.publish). Publishing is idempotent, so the
// home command is not deduplicated: a retried event only refreshes it.
func (a *Adapter) publishHome(ctx context.Context, user, dm string) {
	in := &inbound{user: user, channel: dm, dm: true, home: true}
	ctx = withInbound(ctx, in)
	ev := &bot.Event{Platform: Platform, UserID: user, Place: bot.Place{Kind: bot.DM, Channel: dm},
		Text: HomeCommand, Command: true, At: time.Now()}
	_, msgs := a.bot.Process(ctx, a, ev)
	view := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: a.homeBlocks(ctx, msgs)}}
	err := a.call(ctx, "views.publish", func(ctx context.Context) error {
		_, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
	if err != nil {
		a.log.Warn("slack: App Home not published", "user", user, "err", err)
	}
}

// homeBlocks renders the home messages one after another, with dividers,
// within the tab's 100 blocks. Forms are offered with a button.
func (a *Adapter) homeBlocks(ctx context.Context, msgs []bot.Message) []slack.Block {
	var blocks []slack.Block
	for i, m := range msgs {
		if i > 0 {
			blocks = append(blocks, slack.NewDividerBlock())
		}
		o := renderOpts{ids: a.mentionIDs(ctx, texts(m)...), inlineFile: true}
		if m.Form != nil {
			o.formID = a.offerForm(ctx, inboundOf(ctx), m)
		}
		b, _ := render(m, o)
		blocks = append(blocks, b...)
	}
	if len(blocks) == 0 {
		blocks = append(blocks, slack.NewSectionBlock(md(homeEmpty, maxSectionText), nil, nil))
	}
	return capBlocks(blocks, maxHomeBlocks)
}
