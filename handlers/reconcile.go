package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// Channel reconciliation: a case channel may hold only the case's members
// whom its current basis admits. Someone added on the platform itself (a
// Slack /invite, a Teams member adding a colleague) would see the whole
// history with no recorded basis, so the bot takes them out where the
// platform allows it, and otherwise tells the lead and shows them on the
// card until they are gone. Either way it is on the timeline.

// Timeline actions of reconciliation.
const (
	actStrangerRemoved = "taken out of the channel"
	actStrangerFound   = "in the channel without a place"
	basisChannel       = "disclosure.channel"
	unknownPerson      = "someone not in the directory"
)

// KindReconcile is the scheduler item kind of the periodic check of every
// case channel (internal/app runs it).
const KindReconcile = "reconcile"

// Reconcile checks the people who joined (or are in) channel against its
// case: it implements bot.Reconciler. A channel that is no case's, or a
// case on another platform, is left alone.
func (h *Handlers) Reconcile(ctx context.Context, p bot.Platform, channel string, joined []bot.ChannelMember) error {
	c, err := h.Store.CaseByChannel(ctx, channel)
	if errors.Is(err, state.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	if !samePlatform(c, p) || c.Status == state.StatusClosed {
		return nil
	}
	view, err := h.caseView(ctx, c)
	if err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	var removed, stuck []string
	for _, m := range joined {
		if h.channelAdmits(c, view, m.Handle) {
			continue
		}
		name := describeStranger(h, m.Handle)
		if m.Handle != "" && p.Remove(ctx, channel, m.Handle) == nil {
			removed = append(removed, name)
			h.tellRemoved(ctx, p, m.Handle)
			continue
		}
		if !slices.Contains(c.Strangers, name) { // already reported
			stuck = append(stuck, name)
		}
	}
	return h.recordStrangers(ctx, p, c, removed, stuck)
}

// channelAdmits reports whether handle may be in the case channel: a listed
// member (lead and delegates included) whom the current basis admits. view
// is the case's disclosure view (caseView, the send gate's own builder); an
// outside request holder it admits to their request is still no member.
func (h *Handlers) channelAdmits(c *state.Case, view disclosure.Case, handle string) bool {
	if handle == "" || !isMember(c, handle) {
		return false
	}
	agency := h.agencyOf(handle)
	if m, ok := c.Members[handle]; ok && m.Agency != "" {
		agency = m.Agency
	}
	return disclosure.Admits(view, disclosure.Person{Handle: handle, Agency: agency})
}

// describeStranger is "@eve (school)", or unknownPerson.
func describeStranger(h *Handlers, handle string) string {
	if handle == "" {
		return unknownPerson
	}
	if p, ok := h.Directory.Person(handle); ok && p.Agency != "" {
		return "@" + handle + " (" + p.Agency + ")"
	}
	return "@" + handle
}

// tellRemoved sends the person taken out a content-free notice.
func (h *Handlers) tellRemoved(ctx context.Context, p bot.Platform, handle string) {
	m := bot.Message{To: dm(handle), Kind: bot.KindEvent, Text: "You were added to a jointwork case channel from outside jointwork, " +
		"and you are not a member of that case, so I took you out. If you need to take part, ask the case lead to invite you."}
	if _, err := p.Send(ctx, m); err != nil {
		h.Log.Warn("reconcile: notice not sent", "platform", p.Name(), "err", err)
	}
}

// recordStrangers writes what was found on the timeline and the card, and
// tells the lead. Strangers still listed on the card who are no longer in
// the channel are cleared by ReconcileChannel.
func (h *Handlers) recordStrangers(ctx context.Context, p bot.Platform, c *state.Case, removed, stuck []string) error {
	if len(removed) == 0 && len(stuck) == 0 {
		return nil
	}
	_, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		for _, who := range removed {
			tx.Log(state.Entry{Action: actStrangerRemoved, Detail: who + ": not a member the case's basis admits", Basis: basisChannel})
		}
		for _, who := range stuck {
			tx.Log(state.Entry{Action: actStrangerFound, Detail: who + ": could not be taken out; the lead was asked to", Basis: basisChannel})
			if !slices.Contains(tx.Case.Strangers, who) {
				tx.Case.Strangers = append(tx.Case.Strangers, who)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reconcile %s: %w", c.Ref, err)
	}
	h.alertLead(ctx, p, c, removed, stuck)
	if err := h.RefreshCard(ctx, p, c.Ref); err != nil {
		h.Log.Warn("card not updated", "case", c.Ref, "err", err)
	}
	return nil
}

// alertLead tells the case lead who was found in the channel.
func (h *Handlers) alertLead(ctx context.Context, p bot.Platform, c *state.Case, removed, stuck []string) {
	var lines []string
	if len(removed) > 0 {
		lines = append(lines, fmt.Sprintf("%s joined #%s without a place on case %s, so I took them out.", strings.Join(removed, ", "), c.ChannelName, c.Ref))
	}
	if len(stuck) > 0 {
		lines = append(lines, fmt.Sprintf("%s %s in #%s without a place on case %s, and I could not take them out: please remove them from the channel now (it is on the case card until they are gone).",
			strings.Join(stuck, ", "), isAre(len(stuck)), c.ChannelName, c.Ref))
	}
	m := bot.Message{To: dm(c.Lead), Kind: bot.KindEvent, Case: c.Ref, Text: strings.Join(lines, "\n"),
		Context: "Rule " + basisChannel + " · recorded on the case timeline"}
	if _, err := p.Send(ctx, m); err != nil {
		h.Log.Warn("reconcile: lead not told", "case", c.Ref, "err", err)
	}
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
