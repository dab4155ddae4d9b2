package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/privacy"
	"github.com/jointwork/jointwork/bot/state"
)

// Channel names: Slack allows 80 characters, Teams 50; the lower wins.
const (
	maxChannelName = 50
	maxNameTries   = 9
)

func (h *Handlers) caseCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "case open",
		Usage: "REF [subject=person|carer|child] [title…]",
		Description: "Open a case: a private channel #jw-REF with a pinned case card, you as case lead. " +
			"REF is a pseudonymous reference (letters, digits, dashes, with a digit): never a name, date of birth or NHS number.",
		Examples: []string{"/jointwork case open c101 subject=person Hospital discharge", "/jointwork case open asc-2026-14"},
		MinArgs:  1, MaxArgs: -1,
		Run: h.caseOpen, Slow: true,
	}, {
		Name:        "case delegate",
		Usage:       "@user",
		Description: "Name a case member who may act for the case lead: record consent, invite other agencies, close.",
		Examples:    []string{"/jointwork case delegate @bea"},
		Where:       bot.InCase, MinArgs: 1, MaxArgs: 1,
		Run: h.caseDelegate,
	}, {
		Name:        "case close",
		Usage:       "[reason]",
		Description: "Close the case: the channel is archived and the record is kept (case lead or delegate).",
		Examples:    []string{"/jointwork case close support plan agreed and in place"},
		Where:       bot.InCase, MaxArgs: -1,
		Run: h.caseClose, Slow: true,
	}, h.reopenCommand()}
}

// caseArgs are the parsed arguments of `case open`.
type caseArgs struct{ ref, subject, title string }

func (h *Handlers) parseCaseOpen(r *bot.Request) (caseArgs, error) {
	ref, err := checkCaseRef(r.Arg(0), h.Directory.People())
	if err != nil {
		return caseArgs{}, err
	}
	a := caseArgs{ref: ref, subject: "person", title: r.Tail(1)}
	if s, ok := strings.CutPrefix(strings.ToLower(r.Arg(1)), "subject="); ok {
		if s != "person" && s != "carer" && s != "child" {
			return caseArgs{}, bot.Refusef("subject=%s: the subject is person, carer or child.", s)
		}
		a.subject, a.title = s, r.Tail(2)
	}
	if err := checkText("title", a.title, maxTitle, false); err != nil {
		return caseArgs{}, err
	}
	if why := personalData(a.title); why != "" {
		return caseArgs{}, bot.Refusef("The title looks like it holds %s. Keep personal details out of jointwork: describe the work instead (e.g. \"Hospital discharge\").", why)
	}
	if err := privacy.CheckRef("title", a.title); err != nil {
		return caseArgs{}, bot.Refusef("%s", err.Error())
	}
	return a, nil
}

func (h *Handlers) caseOpen(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	a, err := h.parseCaseOpen(r)
	if err != nil {
		return nil, err
	}
	if c, err := h.Store.Case(ctx, a.ref); err == nil {
		// Says nothing of the case or its lead: the asker may be a stranger.
		return nil, bot.Refusef("The reference %s can't be used. Pick another one, such as your team's next case number.", c.Ref)
	} else if !errors.Is(err, state.ErrNotFound) {
		return nil, fmt.Errorf("case open: %w", err)
	}
	info, err := h.openChannel(ctx, r, a.ref)
	if err != nil {
		return nil, err
	}
	c, err := h.storeNewCase(ctx, r, a, info)
	if err != nil {
		h.abandonOpen(ctx, r.Platform, a.ref, info.ID, err)
		return nil, err
	}
	notes := h.setUpChannel(ctx, r, c)
	if info.Note != "" {
		notes = append(notes, info.Note)
	}
	return []bot.Message{openedMessage(c, notes)}, nil
}

// createChannel creates #jw-REF, or #jw-REF-2 … when the name is taken;
// before each try, before (when set) records the name.
func (h *Handlers) createChannel(ctx context.Context, p bot.Platform, ref string, before func(name string) error) (bot.ChannelInfo, error) {
	topic := "jointwork case " + ref + " · private to its members"
	for i := 1; i <= maxNameTries; i++ {
		if before != nil {
			if err := before(channelName(ref, i)); err != nil {
				return bot.ChannelInfo{}, fmt.Errorf("create channel for %s: %w", ref, err)
			}
		}
		info, err := p.CreateChannel(ctx, channelName(ref, i), topic)
		if err == nil {
			if info.Name == "" {
				info.Name = channelName(ref, i)
			}
			return info, nil
		}
		if !errors.Is(err, bot.ErrNameTaken) {
			return bot.ChannelInfo{}, fmt.Errorf("create channel for %s: %w", ref, err)
		}
	}
	return bot.ChannelInfo{}, bot.Refusef("The channel names #%s to #%s are all taken. Pick another reference.", channelName(ref, 1), channelName(ref, maxNameTries))
}

// channelName is jw-REF, with -N from the second try, within the limit.
func channelName(ref string, try int) string {
	suffix := ""
	if try > 1 {
		suffix = fmt.Sprintf("-%d", try)
	}
	base := "jw-" + ref
	if len(base)+len(suffix) > maxChannelName {
		base = base[:maxChannelName-len(suffix)]
	}
	return base + suffix
}

func (h *Handlers) storeNewCase(ctx context.Context, r *bot.Request, a caseArgs, info bot.ChannelInfo) (*state.Case, error) {
	now := h.Now()
	lead := r.Actor
	c := &state.Case{Ref: a.ref, Subject: a.subject, Title: a.title, Lead: lead.Handle,
		Platform: r.Platform.Name(), Channel: info.ID, ChannelName: info.Name, CreatedAt: now,
		Members: map[string]state.Member{lead.Handle: {Handle: lead.Handle, Agency: lead.Agency,
			Role: lead.Role, Reason: "case lead", AddedBy: lead.Handle, AddedAt: now}}}
	e := state.Entry{Actor: lead.Handle, Action: actOpened,
		Detail: fmt.Sprintf("channel #%s; subject %s; lead @%s (%s)", info.Name, a.subject, lead.Handle, lead.Agency)}
	err := h.Store.CreateCase(ctx, c, e)
	if errors.Is(err, state.ErrExists) {
		return nil, bot.Refusef("Case %s was opened by someone else a moment ago. Pick another reference.", a.ref)
	}
	if err != nil {
		return nil, fmt.Errorf("case open: %w", err)
	}
	return c, nil
}

// dropChannel archives a channel created for a case that was not stored.
func (h *Handlers) dropChannel(ctx context.Context, p bot.Platform, id, ref string) {
	if err := p.Archive(ctx, id); err != nil {
		h.Log.Warn("orphan channel not archived", "case", ref, "channel", id, "err", err)
	}
}

// setUpChannel invites the lead and posts and pins the card; it returns
// notes for the lead about anything that failed (the case is stored).
func (h *Handlers) setUpChannel(ctx context.Context, r *bot.Request, c *state.Case) []string {
	var notes []string
	if err := r.Platform.Invite(ctx, c.Channel, c.Lead); err != nil {
		h.Log.Warn("lead not invited", "case", c.Ref, "err", err)
		notes = append(notes, "I could not add you to the channel; ask your workspace admin to add you to #"+c.ChannelName+".")
	}
	ref, ok := h.send(ctx, r, withTarget(h.Card(c, nil), toCase(c)))
	if !ok {
		return append(notes, "I could not post the case card; it will be posted again after the next change.")
	}
	if err := r.Platform.Pin(ctx, ref); err != nil {
		h.Log.Warn("card not pinned", "case", c.Ref, "err", err)
	}
	_, err := h.update(ctx, c.Ref, func(tx *state.Tx) error {
		tx.Case.Card = encodeCardRef(ref)
		return nil
	})
	if err != nil {
		h.Log.Warn("card ref not saved", "case", c.Ref, "err", err)
	}
	return notes
}

func withTarget(m bot.Message, t bot.Target) bot.Message {
	m.To = t
	return m
}

func openedMessage(c *state.Case, notes []string) bot.Message {
	text := fmt.Sprintf("Case %s is open in the private channel #%s. You are the case lead.", c.Ref, c.ChannelName)
	for _, n := range notes {
		text += "\n" + n
	}
	return bot.Message{Kind: bot.KindEvent, Text: text, Fields: []bot.Field{{Label: "Next",
		Value: "in #" + c.ChannelName + ": record consent (`/jointwork consent`), invite colleagues (`/jointwork invite @user REASON`), agree tasks (`/jointwork task add @owner DUE TEXT`)"}}}
}

func (h *Handlers) caseClose(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	reason := r.Tail(0)
	if err := checkText("reason", reason, maxReason, false); err != nil {
		return nil, err
	}
	var open []string
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if err := leadOnly(tx.Case, r.Actor.Handle, "close the case"); err != nil {
			return err
		}
		if open, err = openItems(tx); err != nil {
			return err
		}
		tx.Case.Status, tx.Case.ClosedAt = state.StatusClosed, tx.Now()
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actClosed, Detail: orDash(reason)})
		if h.Policy != nil {
			h.Policy.CaseClosed(tx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return h.afterClose(ctx, r, c, reason, open), nil
}

// openItems lists the ids of open tasks and pending requests of the case.
func openItems(tx *state.Tx) ([]string, error) {
	var ids []string
	tasks, err := tx.Tasks()
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		if t.Open() {
			ids = append(ids, t.ID)
		}
	}
	reqs, err := tx.Requests()
	if err != nil {
		return nil, err
	}
	for _, q := range reqs {
		if q.Open() {
			ids = append(ids, q.ID)
		}
	}
	return ids, nil
}

// afterClose updates the card, says goodbye in the channel, tells anyone
// outside the case holding an open request that it needs no action, and
// archives the channel.
func (h *Handlers) afterClose(ctx context.Context, r *bot.Request, c *state.Case, reason string, open []string) []bot.Message {
	h.refresh(ctx, r, c.Ref)
	h.closedNotices(ctx, r.Platform, c)
	text := fmt.Sprintf("Case %s was closed by @%s", c.Ref, r.Actor.Handle)
	if reason != "" {
		text += ": " + reason
	}
	text += ". The record is kept; this channel is archived."
	if len(open) > 0 {
		text += " Still open at close: " + strings.Join(open, ", ") + "."
	}
	h.send(ctx, r, bot.Message{To: toCase(c), Kind: bot.KindEvent, Text: text, Case: c.Ref,
		Purpose: disclosure.Purpose{Kind: disclosure.Notice}})
	h.tellClosed(ctx, r, c)
	reply := fmt.Sprintf("Case %s is closed. Export its record any time with `/jointwork record md %s` (or json).", c.Ref, c.Ref)
	if err := r.Platform.Archive(ctx, c.Channel); err != nil {
		h.Log.Warn("channel not archived", "case", c.Ref, "err", err)
		reply += " I could not archive #" + c.ChannelName + ": please archive it by hand."
	}
	return []bot.Message{{To: dm(r.Actor.Handle), Text: reply, Case: c.Ref, Purpose: disclosure.Purpose{Kind: disclosure.Notice}}}
}
