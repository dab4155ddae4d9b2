package teams

import (
	"context"
	"regexp"
	"strings"
)

// handleMention finds "@handle" in outgoing text.
var handleMention = regexp.MustCompile(`@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])`)

// mentionTag is how a person appears in a message: "<at>@chris</at>", so the
// text reads as before and Teams shows (and notifies) a real mention.
func mentionTag(handle string) string { return "<at>@" + handle + "</at>" }

// mention turns the @handles of known people in an outgoing activity into
// Teams mentions: the text gets <at>…</at> tags and the activity (or, for a
// card, its msteams part) an entity per person naming their Entra object
// id. A person the bot cannot resolve stays plain "@handle".
func (a *Adapter) mention(ctx context.Context, act *outActivity) {
	ids := map[string]string{}
	var ents []any
	tag := func(s string) string {
		return handleMention.ReplaceAllStringFunc(s, func(m string) string {
			h := m[1:]
			id, seen := ids[h]
			if !seen {
				if _, ok := a.opt.Directory.Person(h); ok {
					id, _ = a.aadOf(ctx, h)
				}
				ids[h] = id
				if id != "" {
					ents = append(ents, map[string]any{"type": "mention", "text": mentionTag(h),
						"mentioned": map[string]any{"id": id, "name": "@" + h}})
				}
			}
			if id == "" {
				return m
			}
			return mentionTag(h)
		})
	}
	if act.Text != "" && strings.Contains(act.Text, "@") {
		act.Text = tag(act.Text)
		act.Entities = append(act.Entities, ents...)
		return
	}
	for _, at := range act.Attachments {
		c, ok := at.Content.(card)
		if !ok {
			continue
		}
		body, _ := c["body"].([]any)
		for _, el := range body {
			if tb, ok := el.(card); ok && tb["type"] == "TextBlock" {
				if s, ok := tb["text"].(string); ok && strings.Contains(s, "@") {
					tb["text"] = tag(s)
				}
			}
		}
		if len(ents) > 0 {
			c["msteams"] = map[string]any{"width": "Full", "entities": ents}
		}
	}
}
