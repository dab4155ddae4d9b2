package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/privacy"
	"github.com/jointwork/jointwork/bot/state"
)

// Task and request ids are per case (T1 in every case). In a case channel
// an id means that case's item; elsewhere it is looked up among the cases
// the person takes part in, and "REF T1" names the case when more than one
// has a T1. A person who may not see the item gets the same answer as for
// an item that does not exist: the reply is no oracle for other cases.

// itemArg is a typed item reference: "T3" or "c101 T3".
type itemArg struct {
	Ref  string // "" when only the id was typed
	ID   string // "T3"
	Used int    // arguments it took (1 or 2)
}

// parseItemArg reads an item reference of kind ("T" or "R") from the first
// one or two arguments.
func parseItemArg(args []string, kind string) (itemArg, error) {
	if len(args) > 0 {
		if id, ok := itemIDOf(args[0], kind); ok {
			return itemArg{ID: id, Used: 1}, nil
		}
	}
	if len(args) > 1 {
		if id, ok := itemIDOf(args[1], kind); ok {
			if ref, ok := itemCaseRef(args[0]); ok {
				return itemArg{Ref: ref, ID: id, Used: 2}, nil
			}
		}
	}
	return itemArg{}, bot.Refusef("That is not a %s id: they look like %s3 in the case channel, or `REF %s3` (the case reference first) anywhere else.", kindName(kind), kind, kind)
}

// itemIDOf normalises "t3" to "T3" when it is an id of kind.
func itemIDOf(arg, kind string) (string, bool) {
	id := strings.ToUpper(strings.TrimSpace(arg))
	if len(id) < 2 || len(id) > 12 || !strings.HasPrefix(id, kind) || strings.Trim(id[1:], "0123456789") != "" {
		return "", false
	}
	return id, true
}

// itemCaseRef normalises the case part of "REF T3" ("#jw-C101" → "c101").
func itemCaseRef(arg string) (string, bool) {
	ref := normRef(arg)
	return ref, len(ref) >= 2 && len(ref) <= 32 && refRE.MatchString(ref) && privacy.ScanRef(ref) == privacy.None
}

// noSuchItem is the one answer for an item that does not exist, is on a
// case the person cannot see, or is not theirs to act on.
func noSuchItem(kind, id string) error {
	return bot.Refusef("I can't find %s %s among your cases. Check the id; outside the case channel you can name the case too: `%s REF %s`.",
		kindName(kind), id, itemVerb(kind), id)
}

func itemVerb(kind string) string {
	if kind == "R" {
		return "/jointwork request accept"
	}
	return "/jointwork task done"
}

// resolveItem finds the case of the item reference in r's arguments that
// the actor may act on; it returns the case, the id and the arguments used.
func (h *Handlers) resolveItem(ctx context.Context, r *bot.Request, kind string) (*state.Case, itemArg, error) {
	a, err := parseItemArg(r.Args, kind)
	if err != nil {
		return nil, a, err
	}
	ref := a.Ref
	if ref == "" && r.Event.Place.Kind == bot.Channel {
		c, err := h.Store.CaseByChannel(ctx, r.Event.Place.Channel)
		if err != nil && !errors.Is(err, state.ErrNotFound) {
			return nil, a, fmt.Errorf("case of channel: %w", err)
		}
		if c != nil {
			ref = c.Ref
		}
	}
	if ref == "" {
		ref, err = h.findItemCase(ctx, r, kind, a.ID)
		if err != nil {
			return nil, a, err
		}
	}
	c, err := h.itemCase(ctx, r.Actor.Handle, ref, kind, a.ID)
	return c, a, err
}

// itemCase loads case ref if the actor may act on its item id there.
func (h *Handlers) itemCase(ctx context.Context, actor, ref, kind, id string) (*state.Case, error) {
	c, err := h.Store.Case(ctx, ref)
	if errors.Is(err, state.ErrNotFound) || errors.Is(err, state.ErrInvalid) {
		return nil, noSuchItem(kind, id)
	}
	if err != nil {
		return nil, fmt.Errorf("case of %s: %w", id, err)
	}
	if isMember(c, actor) {
		return c, nil
	}
	if kind == "R" {
		party, err := h.requestParty(ctx, ref, id, actor)
		if err != nil || party {
			return c, err
		}
	}
	return nil, noSuchItem(kind, id)
}

// requestParty reports whether the person sent or received request id of
// case ref (open or answered): a recipient outside the case may act on it.
func (h *Handlers) requestParty(ctx context.Context, ref, id, actor string) (bool, error) {
	reqs, err := h.Store.Requests(ctx, ref)
	if err != nil {
		return false, fmt.Errorf("requests of %s: %w", ref, err)
	}
	for _, q := range reqs {
		if q.ID == id {
			return q.To == actor || q.From == actor, nil
		}
	}
	return false, nil
}

// findItemCase looks for item id among the actor's open items (a task they
// own, a request they sent or received) and, failing one, in their cases.
func (h *Handlers) findItemCase(ctx context.Context, r *bot.Request, kind, id string) (string, error) {
	refs, err := h.openItemCases(ctx, r.Actor.Handle, id)
	if err != nil || len(refs) == 1 {
		return first(refs), err
	}
	cases, err := h.Store.CasesOf(ctx, r.Actor.Handle)
	if err != nil {
		return "", fmt.Errorf("cases of actor: %w", err)
	}
	for _, c := range cases {
		if slices.Contains(refs, c.Ref) {
			continue
		}
		ok, err := h.Store.HasItem(ctx, c.Ref, id)
		if err != nil {
			return "", fmt.Errorf("find %s: %w", id, err)
		}
		if ok {
			refs = append(refs, c.Ref)
		}
	}
	switch len(refs) {
	case 0:
		return "", noSuchItem(kind, id)
	case 1:
		return refs[0], nil
	}
	slices.Sort(refs)
	return "", bot.Refusef("More than one of your cases has a %s %s (%s): say which, for example `/jointwork %s %s %s`.",
		kindName(kind), id, strings.Join(refs, ", "), r.Command.Name, refs[0], id)
}

// openItemCases is the cases where the person has item id open (a request
// they sent or received, a task they own).
func (h *Handlers) openItemCases(ctx context.Context, actor, id string) ([]string, error) {
	tasks, reqs, err := h.Store.OpenItemsOf(ctx, actor)
	if err != nil {
		return nil, fmt.Errorf("open items: %w", err)
	}
	var refs []string
	for _, t := range tasks {
		if t.ID == id {
			refs = append(refs, t.Case)
		}
	}
	for _, q := range reqs {
		if q.ID == id && !slices.Contains(refs, q.Case) {
			refs = append(refs, q.Case)
		}
	}
	return refs, nil
}

func first(refs []string) string {
	if len(refs) == 0 {
		return ""
	}
	return refs[0]
}
