package teams

import (
	"context"

	"github.com/infracloudio/msbotbuilder-go/schema"

	"github.com/jointwork/jointwork/bot"
)

// settles reports whether pressing a button running cmd settles its card.
var settles = bot.Settles

// went reports whether a command ran for a known person without an error.
func went(actor string, msgs []bot.Message) bool {
	for _, m := range msgs {
		if m.Kind == bot.KindError {
			return false
		}
	}
	return actor != ""
}

// outcomeCard is what a settled card shows: what was done, by whom, and
// the private answer, with no buttons.
func outcomeCard(cmd, actor, note string) card {
	body := []any{textBlock("✅ "+cmd+" — @"+actor, "weight", "bolder")}
	if note != "" && note != "Done." {
		body = append(body, textBlock(note))
	}
	return card{"type": "AdaptiveCard", "$schema": cardSchema, "version": cardVersion, "body": body}
}

// settleCard replaces the card whose Action.Submit button was pressed (the
// activity the submit replies to) by its outcome, when the command settles
// it and went through.
func (a *Adapter) settleCard(ctx context.Context, tr *turn, cmd, actor string, msgs []bot.Message) {
	if !went(actor, msgs) || !settles(cmd) {
		return
	}
	note, _ := splitPrivate(msgs, actor)
	act := &outActivity{Type: "message", Summary: truncate(cmd, 120),
		Attachments: []schema.Attachment{{ContentType: cardContentType, Content: outcomeCard(cmd, actor, note)}}}
	conv := tr.act.Conversation.ID
	if err := a.conn.put(ctx, a.serviceURL(ctx, tr.base), conv, tr.act.ReplyToID, act); err != nil {
		a.log.Warn("teams: card not updated after a button", "err", err)
	}
}
