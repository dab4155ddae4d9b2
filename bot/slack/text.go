package slack

import (
	"context"
	"regexp"
	"strings"

	"github.com/jointwork/jointwork/bot"
)

// slackRef matches Slack's escaped references: <@U123>, <@U123|name>,
// <#C123|name>, <!here>, <https://…|label>.
var slackRef = regexp.MustCompile(`<([^<>]*)>`)

var unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// fromSlack turns Slack's message markup into the plain text the kernel
// reads: people become @handle (via the directory), channels #name, links
// their URL, and HTML entities are unescaped.
func (a *Adapter) fromSlack(ctx context.Context, text string) string {
	if !strings.ContainsAny(text, "<&") {
		return text
	}
	out := slackRef.ReplaceAllStringFunc(text, func(m string) string {
		return a.reference(ctx, m[1:len(m)-1])
	})
	return unescaper.Replace(out)
}

// reference renders the inside of one <…> reference.
func (a *Adapter) reference(ctx context.Context, ref string) string {
	body, label, _ := strings.Cut(ref, "|")
	switch {
	case strings.HasPrefix(body, "@"):
		id := body[1:]
		if h, err := a.UserHandle(ctx, id); err == nil {
			return "@" + h
		}
		if label != "" {
			return "@" + label
		}
		return "@" + id
	case strings.HasPrefix(body, "#"):
		if label != "" {
			return "#" + label
		}
		return body
	case strings.HasPrefix(body, "!"):
		if label != "" {
			return label
		}
		name, _, _ := strings.Cut(body[1:], "^")
		return "@" + name
	case strings.HasPrefix(body, "mailto:") && label != "":
		return label
	}
	return body
}

// handleRef matches @handle in outbound text, not inside e-mail addresses.
var handleRef = regexp.MustCompile(`(^|[^\w.@/<])@([a-z][a-z0-9._-]{0,39})`)

// escape makes kernel text safe for Slack mrkdwn (&, < and > only).
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// handlesIn lists the directory handles mentioned as @handle in texts.
func (a *Adapter) handlesIn(texts ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range texts {
		if !strings.Contains(t, "@") {
			continue
		}
		for _, m := range handleRef.FindAllStringSubmatch(t, -1) {
			h := strings.TrimRight(m[2], "._-")
			if _, ok := a.dir.Person(h); ok && !seen[h] {
				seen[h] = true
				out = append(out, h)
			}
		}
	}
	return out
}

// mentionIDs resolves the handles in texts to Slack ids; handles that
// cannot be resolved are left as plain @handle.
func (a *Adapter) mentionIDs(ctx context.Context, texts ...string) map[string]string {
	hs := a.handlesIn(texts...)
	if len(hs) == 0 {
		return nil
	}
	ids := make(map[string]string, len(hs))
	for _, h := range hs {
		if id, err := a.slackID(ctx, h); err == nil {
			ids[h] = id
		}
	}
	return ids
}

// mrkdwn escapes kernel text and turns known @handles into Slack mentions.
func mrkdwn(s string, ids map[string]string) string {
	s = escaper.Replace(s)
	if len(ids) == 0 || !strings.Contains(s, "@") {
		return s
	}
	return handleRef.ReplaceAllStringFunc(s, func(m string) string {
		i := strings.IndexByte(m, '@')
		name := m[i+1:]
		h := strings.TrimRight(name, "._-")
		id, ok := ids[h]
		if !ok {
			return m
		}
		return m[:i] + "<@" + id + ">" + name[len(h):]
	})
}

// texts lists a message's texts that may mention people.
func texts(m bot.Message) []string {
	out := []string{m.Title, m.Text, m.Context}
	for _, f := range m.Fields {
		out = append(out, f.Value)
	}
	return out
}
