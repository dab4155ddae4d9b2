package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// strangersLine is the card's line of people to take out of the channel.
func strangersLine(list []string) string {
	return strings.Join(list, ", ") + " · remove them from the channel"
}

// ReconcileChannel checks everyone in the channel of case c (at start-up
// and on the schedule), invites the lead when they are missing (a case
// open that stopped after the case was stored and before the invite), and
// clears from the card the strangers who are no longer there.
func (h *Handlers) ReconcileChannel(ctx context.Context, p bot.Platform, c *state.Case) error {
	if c.Channel == "" || !samePlatform(c, p) || c.Status == state.StatusClosed {
		return nil
	}
	members, err := p.Members(ctx, c.Channel)
	if err != nil {
		return fmt.Errorf("reconcile %s: %w", c.Ref, err)
	}
	h.inviteLead(ctx, p, c, members)
	if err := h.Reconcile(ctx, p, c.Channel, members); err != nil {
		return err
	}
	if len(c.Strangers) == 0 {
		return nil
	}
	present := map[string]bool{}
	for _, m := range members {
		present[describeStranger(h, m.Handle)] = true
	}
	cleared, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		before := len(tx.Case.Strangers)
		tx.Case.Strangers = slices.DeleteFunc(tx.Case.Strangers, func(s string) bool { return !present[s] })
		if len(tx.Case.Strangers) == before {
			return errNoChange
		}
		return nil
	})
	if err != nil {
		return err
	}
	if cleared {
		if err := h.RefreshCard(ctx, p, c.Ref); err != nil {
			h.Log.Warn("card not updated", "case", c.Ref, "err", err)
		}
	}
	return nil
}

// ReconcileAll checks the channel of every open case on platform p (the
// cases are found through the people of the directory). It returns how many
// channels were checked; a channel that fails is logged and skipped.
func (h *Handlers) ReconcileAll(ctx context.Context, p bot.Platform) int {
	seen := map[string]bool{}
	n := 0
	for _, person := range h.Directory.People() {
		cases, err := h.Store.CasesOf(ctx, person.Handle)
		if err != nil {
			h.Log.Warn("reconcile: cases not listed", "err", err)
			return n
		}
		for _, c := range cases {
			if seen[c.Ref] {
				continue
			}
			seen[c.Ref] = true
			if c.Channel == "" || !samePlatform(c, p) || c.Status == state.StatusClosed {
				continue
			}
			n++
			if err := h.ReconcileChannel(ctx, p, c); err != nil {
				h.Log.Warn("reconcile: channel not checked", "case", c.Ref, "platform", p.Name(), "err", err)
			}
		}
	}
	return n
}

// inviteLead adds the lead of case c to its channel when members lacks them.
func (h *Handlers) inviteLead(ctx context.Context, p bot.Platform, c *state.Case, members []bot.ChannelMember) {
	if c.Lead == "" || slices.ContainsFunc(members, func(m bot.ChannelMember) bool { return m.Handle == c.Lead }) {
		return
	}
	if err := p.Invite(ctx, c.Channel, c.Lead); err != nil {
		h.Log.Warn("reconcile: lead not invited", "case", c.Ref, "err", err)
		return
	}
	h.Log.Info("reconcile: lead invited to their case channel", "case", c.Ref)
}
