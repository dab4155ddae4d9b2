package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// tellClosed DMs every member but the one who closed it that case c is
// closed: content-free, since a closed case discloses nothing new.
func (h *Handlers) tellClosed(ctx context.Context, r *bot.Request, c *state.Case) {
	for _, m := range caseMembers(c) {
		if m == r.Actor.Handle {
			continue
		}
		h.send(ctx, r, bot.Message{To: dm(m), Kind: bot.KindEvent, Case: c.Ref, Purpose: disclosure.Purpose{Kind: disclosure.Notice},
			Text: fmt.Sprintf("Case %s was closed by @%s. Its record is kept; your open tasks on it need nothing more.", c.Ref, r.Actor.Handle)})
	}
}

// tellReopened DMs every member but the one who reopened it that case c is
// open again: content-free (the reason stays on the record), a notice.
func (h *Handlers) tellReopened(ctx context.Context, r *bot.Request, c *state.Case) {
	for _, m := range caseMembers(c) {
		if m != r.Actor.Handle {
			h.notice(ctx, r.Platform, c.Ref, m, fmt.Sprintf("Case %s was reopened by @%s: it is open again, in #%s.", c.Ref, r.Actor.Handle, strings.TrimPrefix(c.ChannelName, "#")))
		}
	}
}

// caseMembers is the lead, the delegates and the members, each once, sorted.
func caseMembers(c *state.Case) []string {
	seen := map[string]bool{c.Lead: true}
	for _, d := range c.Delegates {
		seen[d] = true
	}
	for m := range c.Members {
		seen[m] = true
	}
	out := make([]string, 0, len(seen))
	for m := range seen {
		if m != "" {
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}
