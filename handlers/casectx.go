package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
)

// Limits on free text typed into case commands, in characters.
const (
	maxItemText = 500  // a task or request
	maxReason   = 300  // a need-to-know or closing reason
	maxReasons  = 1000 // a decline's written reasons
	maxTitle    = 80   // a case title
)

// Timeline actions, as they appear in the exported record.
const (
	actOpened        = "case opened"
	actDelegate      = "delegate named"
	actClosed        = "case closed"
	actConsent       = "consent recorded"
	actWithdrawn     = "consent withdrawn"
	actMemberAdded   = "member added"
	actMemberRemoved = "member removed"
	actLevel         = "level set"
	actTaskAdded     = "task added"
	actTaskDone      = "task done"
	actRequestSent   = "request sent"
	actAccepted      = "request accepted"
	actDeclined      = "request declined"
	actDelay         = "delay decision"
)

// errNoChange ends an Update that would change nothing (an invite of a
// member, a task already done): the handler answers without writing.
var errNoChange = errors.New("no change")

// caseHere returns the open case of the channel the command was typed in,
// refusing people who are not members of it.
func (h *Handlers) caseHere(ctx context.Context, r *bot.Request) (*state.Case, error) {
	if r.Event.Place.Kind != bot.Channel {
		return nil, bot.Refusef("Use `/jointwork %s` in the case channel (#jw-REF).", r.Command.Name)
	}
	c, err := h.Store.CaseByChannel(ctx, r.Event.Place.Channel)
	if errors.Is(err, state.ErrNotFound) {
		return nil, bot.Refusef("This channel is not a case channel. Use `/jointwork %s` in the case's channel (#jw-REF); `/jointwork case open REF` starts a case.", r.Command.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("case of channel: %w", err)
	}
	if err := memberOnly(c, r.Actor.Handle); err != nil {
		return nil, err
	}
	if c.Status == state.StatusClosed {
		return nil, bot.Refusef("Case %s is closed; its record is kept. The case lead can export it with `/jointwork record md %s`.", c.Ref, c.Ref)
	}
	return c, nil
}

// caseAndPerson is the case of this channel and the person its command's
// first argument names (@owner, @user): the preamble of invite, remove,
// case delegate and task add.
func (h *Handlers) caseAndPerson(ctx context.Context, r *bot.Request) (*state.Case, directory.Person, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, directory.Person{}, err
	}
	p, err := h.person(r.Arg(0))
	if err != nil {
		return nil, directory.Person{}, err
	}
	return c, p, nil
}

// memberOnly refuses a person who is not a member of the case.
func memberOnly(c *state.Case, handle string) error {
	if isMember(c, handle) {
		return nil
	}
	// Names neither the case nor its lead: the asker is not a member.
	return bot.Refusef("Only members of this case can see or change it. If you need to know, ask whoever leads it to invite you.")
}

// leadOnly refuses anyone but the case lead and the lead's delegates.
func leadOnly(c *state.Case, handle, what string) error {
	if canLead(c, handle) {
		return nil
	}
	return bot.Refusef("Only the case lead (@%s) or a delegate they name can %s on case %s.", c.Lead, what, c.Ref)
}

// isMember reports whether handle is the lead, a delegate or a member.
func isMember(c *state.Case, handle string) bool {
	if canLead(c, handle) {
		return true
	}
	_, ok := c.Members[handle]
	return ok
}

// canLead reports whether handle is the lead or one of the delegates.
func canLead(c *state.Case, handle string) bool {
	return handle == c.Lead || slices.Contains(c.Delegates, handle)
}

// leadAgency is the agency of the case lead, as recorded when they joined.
func (h *Handlers) leadAgency(c *state.Case) string {
	if m, ok := c.Members[c.Lead]; ok && m.Agency != "" {
		return m.Agency
	}
	p, _ := h.Directory.Person(c.Lead)
	return p.Agency
}

// person resolves "@bea" (or "bea") to a directory entry.
func (h *Handlers) person(arg string) (directory.Person, error) {
	handle := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(arg), "@"))
	if handle == "" {
		return directory.Person{}, bot.Refusef("Name a person as @handle, for example @bea.")
	}
	p, ok := h.Directory.Person(handle)
	if !ok {
		return directory.Person{}, bot.Refusef("I don't know @%s: they are not in the jointwork directory. Check the spelling.", handle)
	}
	return p, nil
}

// checkText refuses over-long free text and, when required, empty text.
func checkText(what, text string, limit int, required bool) error {
	if required && strings.TrimSpace(text) == "" {
		return bot.Refusef("Please add the %s.", what)
	}
	if n := utf8.RuneCountInString(text); n > limit {
		return bot.Refusef("The %s is %d characters long; the limit is %d. Please shorten it.", what, n, limit)
	}
	return nil
}

func kindName(kind string) string {
	if kind == "R" {
		return "request"
	}
	return "task"
}

// update runs one state change on case ref; errNoChange is not an error.
// A closed case accepts no change (see reopen, the one exception).
func (h *Handlers) update(ctx context.Context, ref string, fn func(tx *state.Tx) error) (bool, error) {
	return h.updateCase(ctx, ref, func(tx *state.Tx) error {
		closed := tx.Case.Status == state.StatusClosed
		// fn's own refusals (not yours, no such item) come first, so the
		// closed state is told only to someone who could otherwise act.
		if err := fn(tx); err != nil || !closed {
			return err
		}
		return errClosed(tx.Case.Ref) // aborts: nothing fn staged is written
	})
}

// errClosed refuses a change to a closed case.
func errClosed(ref string) error {
	return bot.Refusef("Case %s is closed: nothing on it can change and nothing new is shared. "+
		"Its lead (or an administrator) can reopen it with a reason: `/jointwork case reopen %s REASON` in a direct message with me.", ref, ref)
}

// updateCase runs one state change on case ref whatever its status.
func (h *Handlers) updateCase(ctx context.Context, ref string, fn func(tx *state.Tx) error) (bool, error) {
	err := h.Store.Update(ctx, ref, fn)
	switch {
	case errors.Is(err, errNoChange):
		return false, nil
	case err == nil:
		return true, nil
	case isUserError(err):
		return false, err
	}
	return false, fmt.Errorf("update case %s: %w", ref, err)
}

func isUserError(err error) bool {
	_, ok := bot.AsUserError(err)
	return ok
}

// send posts a message now (not as the command's reply), logging failures:
// the record is already written, so a platform failure must not undo it.
func (h *Handlers) send(ctx context.Context, r *bot.Request, m bot.Message) (bot.Ref, bool) {
	ref, err := r.Platform.Send(ctx, m)
	if err != nil {
		h.Log.Warn("send failed", "command", r.Command.Name, "platform", r.Platform.Name(), "kind", m.To.Kind, "err", err)
		return bot.Ref{}, false
	}
	return ref, true
}

// samePlatform reports whether the case's channel lives on the platform the
// command came from (only then can the bot post in it).
func samePlatform(c *state.Case, p bot.Sender) bool {
	return c.Platform == "" || c.Platform == p.Name()
}

// toCase addresses a new message to the case channel.
func toCase(c *state.Case) bot.Target { return bot.Target{Kind: bot.ToChannel, Channel: c.Channel} }

// toThread addresses a reply in a thread of the case channel, or the channel
// itself when the item has no thread.
func toThread(c *state.Case, thread string) bot.Target {
	if thread == "" {
		return toCase(c)
	}
	return bot.Target{Kind: bot.ToThread, Channel: c.Channel, Thread: thread}
}

// dm addresses a direct message.
func dm(handle string) bot.Target { return bot.Target{Kind: bot.ToDM, User: handle} }

// day formats a date for people: "Tue 25 Nov 2026".
func (h *Handlers) day(t time.Time) string {
	return t.In(h.Calendar.Location()).Format("Mon 2 Jan 2006")
}

// stamp formats an instant for the record: "2026-11-23 09:00".
func (h *Handlers) stamp(t time.Time) string {
	return t.In(h.Calendar.Location()).Format("2006-01-02 15:04")
}

// overdue reports whether an open item's due date has passed.
func (h *Handlers) overdue(due time.Time) bool {
	return !due.IsZero() && !h.Now().Before(h.Calendar.EndOfDay(due))
}

// parseDue reads a due date typed by a user.
func (h *Handlers) parseDue(arg string) (time.Time, error) {
	due, err := h.Calendar.ParseDue(arg, h.Now())
	if err != nil {
		return time.Time{}, dateRefusal(err)
	}
	return due, nil
}
