package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// openWait is how long an unfinished case open by another event is left
// alone (it may still be running) before its channel counts as abandoned.
const openWait = state.EventLease

// openChannel creates the channel of case ref, recording the event's
// intent (state.OpenIntent: the name before each try, the channel once
// made; CreateCase clears it). A retry of the same event after its run
// died adopts the channel that run made; an intent another event
// abandoned has its channel archived. So a crash at any point leaves a
// working case, or nothing visible once the reference is next opened.
func (h *Handlers) openChannel(ctx context.Context, r *bot.Request, ref string) (bot.ChannelInfo, error) {
	in := state.OpenIntent{Ref: ref, Event: r.Event.Platform + ":" + r.Event.ID, Platform: r.Platform.Name(), At: h.Now()}
	prev, err := h.Store.BeginOpen(ctx, in)
	if err != nil {
		return bot.ChannelInfo{}, fmt.Errorf("case open: %w", err)
	}
	if prev != nil {
		if prev.Event != in.Event && h.Now().Sub(prev.At) < openWait {
			return bot.ChannelInfo{}, bot.Refusef("Case %s is being opened by someone else right now. Try again in a few minutes, or pick another reference.", ref)
		}
		if info, ok := h.leftover(ctx, r.Platform, prev); ok {
			if prev.Event == in.Event {
				h.Log.Info("case open resumed on its channel", "case", ref)
				return info, nil
			}
			h.dropChannel(ctx, r.Platform, info.ID, ref)
		}
	}
	record := func(name string) error { in.Name = name; return h.Store.SetOpen(ctx, in) }
	info, err := h.createChannel(ctx, r.Platform, ref, record)
	if err != nil {
		h.dropOpen(ctx, ref)
		return bot.ChannelInfo{}, err
	}
	in.Channel, in.Name = info.ID, info.Name
	if err := h.Store.SetOpen(ctx, in); err != nil {
		h.dropChannel(ctx, r.Platform, info.ID, ref)
		return bot.ChannelInfo{}, fmt.Errorf("case open: %w", err)
	}
	return info, nil
}

// leftover finds the channel an unfinished open made: recorded, or found
// by the name it was about to create (when the platform can look names
// up) and belonging to no case.
func (h *Handlers) leftover(ctx context.Context, p bot.Platform, in *state.OpenIntent) (bot.ChannelInfo, bool) {
	if in.Platform != p.Name() {
		return bot.ChannelInfo{}, false
	}
	if in.Channel != "" {
		return bot.ChannelInfo{ID: in.Channel, Name: in.Name}, true
	}
	f, ok := p.(bot.ChannelFinder)
	if !ok || in.Name == "" {
		return bot.ChannelInfo{}, false
	}
	info, found, err := f.FindChannel(ctx, in.Name)
	if err != nil || !found {
		return bot.ChannelInfo{}, false
	}
	if _, err := h.Store.CaseByChannel(ctx, info.ID); !errors.Is(err, state.ErrNotFound) {
		return bot.ChannelInfo{}, false // a case's channel, or unknown: leave it
	}
	return info, true
}

// abandonOpen undoes an open whose case was not stored: the channel is
// archived and the intent dropped, unless the store may have saved the
// case after all (outcome unknown, or done by another run of the event).
func (h *Handlers) abandonOpen(ctx context.Context, p bot.Platform, ref, channel string, err error) {
	if bot.IsUnknownOutcome(err) || bot.IsDone(err) {
		return
	}
	h.dropChannel(ctx, p, channel, ref)
	h.dropOpen(ctx, ref)
}

func (h *Handlers) dropOpen(ctx context.Context, ref string) {
	if err := h.Store.DropOpen(ctx, ref); err != nil {
		h.Log.Warn("case open intent not dropped", "case", ref, "err", err)
	}
}
