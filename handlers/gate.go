package handlers

import (
	"context"
	"errors"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// ErrWithheld is what a gated Send or Update returns for a message the
// disclosure policy refused: it was not sent.
var ErrWithheld = errors.New("message withheld by the disclosure policy")

// Reasons the gate adds to the policy's own.
const (
	denyOtherCase disclosure.Reason = "channel-of-another-case"
	denyNoCase    disclosure.Reason = "case-not-found"
	denyStore     disclosure.Reason = "case-unreadable"
	allowNoCase   disclosure.Reason = "no-case-content"
)

// Gate is the one send gate (bot.Gate): every outbound message of the bot
// passes through Vet before any platform sends it.
func (h *Handlers) Gate() bot.Gate { return sendGate{h} }

type sendGate struct{ h *Handlers }

func (g sendGate) Wrap(p bot.Platform) bot.Platform {
	if _, ok := p.(gated); ok {
		return p
	}
	return gated{Platform: p, h: g.h}
}

func (g sendGate) Allow(ctx context.Context, m bot.Message) bool {
	return g.h.allow(ctx, m, false)
}

// gated is a platform whose Send and Update pass the gate first.
type gated struct {
	bot.Platform
	h *Handlers
}

func (p gated) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	if !p.h.allow(ctx, m, false) {
		return bot.Ref{}, ErrWithheld
	}
	return p.Platform.Send(ctx, m)
}

func (p gated) Update(ctx context.Context, ref bot.Ref, m bot.Message) error {
	if m.To.Channel == "" {
		m.To = bot.Target{Kind: bot.ToChannel, Channel: ref.Channel}
	}
	if !p.h.allow(ctx, m, true) {
		return ErrWithheld
	}
	return p.Platform.Update(ctx, ref, m)
}

// Unarchive forwards to the platform when it can unarchive (a reopened case).
func (p gated) Unarchive(ctx context.Context, channel string) error {
	if u, ok := p.Platform.(Unarchiver); ok {
		return u.Unarchive(ctx, channel)
	}
	return errors.ErrUnsupported
}

// FindChannel forwards to the platform when it can look channel names up
// (a case open retried after a crash finds its channel: caseopen.go).
func (p gated) FindChannel(ctx context.Context, name string) (bot.ChannelInfo, bool, error) {
	if f, ok := p.Platform.(bot.ChannelFinder); ok {
		return f.FindChannel(ctx, name)
	}
	return bot.ChannelInfo{}, false, nil
}

// allow vets m and logs a refusal without content; Withheld, when set,
// hears of it too (the test harness fails the test).
func (h *Handlers) allow(ctx context.Context, m bot.Message, update bool) bool {
	d := h.Vet(ctx, m, update)
	if d.Allowed {
		return true
	}
	h.Log.Warn("disclosure: message withheld", "case", m.Case, "purpose", m.Purpose.Kind.String(),
		"target", int(m.To.Kind), "reason", string(d.Reason))
	if h.Withheld != nil {
		h.Withheld(m, d)
	}
	return false
}

// Vet decides whether m, with a resolved target, may be sent: it finds the
// case whose content m carries (its Case, or the case of the channel it is
// posted in), refuses a post in another case's channel, and checks the
// disclosure policy for every recipient (the DM or ephemeral user; every
// person listed on the case for a channel post). A message that carries
// no case content (help, answers, errors) passes.
func (h *Handlers) Vet(ctx context.Context, m bot.Message, update bool) disclosure.Decision {
	inChannel := m.To.Kind == bot.ToChannel || m.To.Kind == bot.ToThread || m.To.Kind == bot.Reply
	var c *state.Case
	if inChannel && m.To.Channel != "" {
		found, err := h.Store.CaseByChannel(ctx, m.To.Channel)
		switch {
		case err == nil:
			c = found
		case !errors.Is(err, state.ErrNotFound):
			h.Log.Warn("disclosure: channel not resolved", "err", err)
			return disclosure.Decision{Reason: denyStore}
		}
	}
	switch {
	case c != nil && m.Case != "" && m.Case != c.Ref:
		return disclosure.Decision{Reason: denyOtherCase}
	case c == nil && m.Case == "":
		return disclosure.Decision{Allowed: true, Reason: allowNoCase}
	case c == nil:
		found, err := h.Store.Case(ctx, m.Case)
		if err != nil {
			if !errors.Is(err, state.ErrNotFound) {
				h.Log.Warn("disclosure: case not read", "case", m.Case, "err", err)
				return disclosure.Decision{Reason: denyStore}
			}
			return disclosure.Decision{Reason: denyNoCase}
		}
		c = found
	}
	view, err := h.caseView(ctx, c)
	if err != nil {
		h.Log.Warn("disclosure: case view", "case", c.Ref, "err", err)
		return disclosure.Decision{Reason: denyStore}
	}
	return h.vetView(view, m, purposeOf(m, update), inChannel)
}

// vetView checks the policy for each recipient of m.
func (h *Handlers) vetView(v disclosure.Case, m bot.Message, p disclosure.Purpose, inChannel bool) disclosure.Decision {
	if !inChannel {
		return disclosure.Check(v, h.personView(m.To.User, p.About), p)
	}
	d := disclosure.Check(v, h.personView(v.Lead, p.About), p)
	for _, mb := range v.Members {
		if !d.Allowed {
			return d
		}
		d = disclosure.Check(v, h.personView(mb.Handle, p.About), p)
	}
	return d
}

// purposeOf is m's purpose, or the one its target implies.
func purposeOf(m bot.Message, update bool) disclosure.Purpose {
	p := m.Purpose
	if p.Kind != disclosure.KindUnknown {
		return p
	}
	switch {
	case update || m.Kind == bot.KindCard:
		p.Kind = disclosure.Card
	case m.To.Kind == bot.ToChannel || m.To.Kind == bot.Reply:
		p.Kind = disclosure.Post
	case m.To.Kind == bot.ToThread:
		p.Kind = disclosure.ThreadReply
	default:
		p.Kind = disclosure.DMContent
	}
	return p
}
