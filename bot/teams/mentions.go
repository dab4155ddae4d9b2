package teams

import (
	"context"
	"html"
	"regexp"
	"strings"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	spaceRE = regexp.MustCompile(`[ \t\p{Zs}]+`)
)

// messageText cleans a message's text for the kernel: the bot's own
// <at>…</at> mention is removed (and reported), mentions of people become
// @handle when the directory knows them, other markup is stripped.
func (a *Adapter) messageText(ctx context.Context, tr *turn) (string, bool) {
	text, mention := tr.act.Text, false
	for _, m := range tr.act.Entities {
		if m.Type != "mention" || m.Text == "" {
			continue
		}
		if m.Mentioned.ID == tr.act.Recipient.ID {
			text, mention = strings.Replace(text, m.Text, " ", 1), true
			continue
		}
		text = strings.Replace(text, m.Text, a.mentionText(ctx, tr, m), 1)
	}
	return cleanText(text), mention
}

// mentionText is "@handle" for a person in the directory, else their name.
func (a *Adapter) mentionText(ctx context.Context, tr *turn, m schema.Mention) string {
	if h, err := a.accountHandle(ctx, tr, m.Mentioned); err == nil && h != "" {
		return "@" + h
	}
	name := strings.TrimSpace(tagRE.ReplaceAllString(m.Text, ""))
	if name == "" {
		name = m.Mentioned.Name
	}
	return name
}

func cleanText(s string) string {
	s = strings.NewReplacer("<br>", "\n", "<br/>", "\n", "<br />", "\n", "</p>", "\n").Replace(s)
	s = html.UnescapeString(tagRE.ReplaceAllString(s, ""))
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(spaceRE.ReplaceAllString(l, " ")); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
