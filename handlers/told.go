package handlers

import (
	"context"
	"fmt"
	"sort"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// tellRemoved DMs a removed member that they were removed, without any case
// content (they are no longer admitted to it): only the reference and who.
func (h *Handlers) tellRemoved(ctx context.Context, r *bot.Request, c *state.Case, handle string) {
	if handle == r.Actor.Handle {
		return
	}
	h.send(ctx, r, bot.Message{To: dm(handle), Kind: bot.KindEvent,
		Text: fmt.Sprintf("@%s removed you from case %s. You no longer see its channel; ask @%s if you think this is a mistake.", r.Actor.Handle, c.Ref, r.Actor.Handle)})
}

// tellClosed DMs every member but the one who closed it that case c is
// closed: content-free, since a closed case discloses nothing new.
func (h *Handlers) tellClosed(ctx context.Context, r *bot.Request, c *state.Case) {
	for _, m := range caseMembers(c) {
		if m == r.Actor.Handle {
			continue
		}
		h.send(ctx, r, bot.Message{To: dm(m), Kind: bot.KindEvent,
			Text: fmt.Sprintf("Case %s was closed by @%s. Its record is kept; your open tasks on it need nothing more.", c.Ref, r.Actor.Handle)})
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
