package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/privacy"
	"github.com/jointwork/jointwork/bot/state"
)

// maxPurgeReason bounds an admin's purge reason (a short code or sentence).
const maxPurgeReason = 200

func (h *Handlers) adminCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "admin export-case",
		Usage: "REF",
		Description: "Admins: export a case's record as JSON and Markdown (a subject access request), privately to you; " +
			"the export is recorded on the admin audit stream.",
		Examples: []string{"/jointwork admin export-case c101"},
		MinArgs:  1, MaxArgs: 1,
		Run: h.adminExport, Slow: true,
	}, {
		Name:  "admin purge-case",
		Usage: "REF --reason TEXT",
		Description: "Admins: remove a closed case and everything under it now (tasks, requests, timeline, pings, dialogs, " +
			"schedule); only a tombstone (reference, dates, your reason) stays on the admin audit stream.",
		Examples: []string{"/jointwork admin purge-case c101 --reason erasure request ticket 4411"},
		MinArgs:  3, MaxArgs: -1,
		Run: h.adminPurge,
	}}
}

// adminCase checks the actor is an admin and returns the named case.
func (h *Handlers) adminCase(ctx context.Context, r *bot.Request) (*state.Case, error) {
	if !r.Actor.Admin {
		return nil, bot.Refusef("Only an admin (admin: true in the directory) can use `/jointwork %s`.", r.Command.Name)
	}
	ref := normRef(r.Arg(0))
	c, err := h.Store.Case(ctx, ref)
	if errors.Is(err, state.ErrNotFound) || errors.Is(err, state.ErrInvalid) {
		return nil, bot.Refusef("There is no case %q.", ref)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Command.Name, err)
	}
	return c, nil
}

func (h *Handlers) adminExport(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.adminCase(ctx, r)
	if err != nil {
		return nil, err
	}
	entries, err := h.Store.Timeline(ctx, c.Ref)
	if err != nil {
		return nil, fmt.Errorf("admin export %s: %w", c.Ref, err)
	}
	msgs := make([]bot.Message, 0, 2)
	for _, format := range []string{"json", "md"} {
		file, err := h.exportFile(c, entries, format)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, bot.Message{To: bot.Target{Kind: bot.Ephemeral},
			Text: fmt.Sprintf("Case %s, %s export: %d entries.", c.Ref, strings.ToUpper(format), len(entries)), File: file})
	}
	audit := state.AuditEntry{Action: state.AuditExport, Ref: c.Ref, Closed: c.ClosedAt, By: r.Actor.Handle, Reason: "admin-export"}
	if err := h.Store.Audit(ctx, audit); err != nil {
		return nil, fmt.Errorf("admin export %s: %w", c.Ref, err)
	}
	h.Log.Info("case exported by admin", "case", c.Ref, "admin", r.Actor.Handle, "entries", len(entries))
	return msgs, nil
}

func (h *Handlers) adminPurge(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	if !strings.EqualFold(r.Arg(1), "--reason") {
		return nil, bot.Refusef("Give a reason: `/jointwork admin purge-case REF --reason TEXT`.")
	}
	reason := strings.TrimSpace(r.Tail(2))
	if n := utf8.RuneCountInString(reason); n == 0 || n > maxPurgeReason {
		return nil, bot.Refusef("The reason must be 1 to %d characters (a ticket number or a short code, no names).", maxPurgeReason)
	}
	if err := privacy.CheckText("reason", reason); err != nil {
		return nil, bot.Refusef("%v", err)
	}
	c, err := h.adminCase(ctx, r)
	if err != nil {
		return nil, err
	}
	if c.Status != state.StatusClosed {
		return nil, bot.Refusef("Case %s is still open: close it first (`/jointwork case close` in its channel).", c.Ref)
	}
	tomb, err := h.Store.PurgeCase(ctx, c.Ref, state.AuditEntry{By: r.Actor.Handle, Reason: reason})
	if err != nil {
		return nil, fmt.Errorf("admin purge %s: %w", c.Ref, err)
	}
	h.Log.Info("case purged by admin", "case", c.Ref, "admin", r.Actor.Handle)
	return []bot.Message{bot.Private("", fmt.Sprintf("Case %s was purged: nothing of it is left but the tombstone on the audit stream (closed %s, purged %s).",
		c.Ref, tomb.Closed.Format("2 Jan 2006"), tomb.At.Format("2 Jan 2006")))}, nil
}
