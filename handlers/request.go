package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
)

func (h *Handlers) requestCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "request",
		Usage: "@user|TEAM DUE TEXT",
		Description: "Send a formal request for joint work (law.formal-request). The recipient may be outside the case: they see only the case " +
			"reference and your text, and accept or decline (a decline needs written reasons). TEAM is an agency or a role " +
			"(spaces as dashes): it goes to the agency's most senior person, or to the first person with that role.",
		Examples: []string{"/jointwork request @chris +5d Joint assessment visit with the district nurse", "/jointwork request nhs-community-trust 2026-12-04 Continuing healthcare screening"},
		Where:    bot.InCase, MinArgs: 3, MaxArgs: -1,
		Run: h.request,
	}, {
		Name:        "request accept",
		Usage:       "ID",
		Description: "Accept a formal request sent to you (the same as the Accept button), anywhere.",
		Examples:    []string{"/jointwork request accept R7"},
		MinArgs:     1, MaxArgs: 1,
		Run: h.requestAccept,
	}, {
		Name:        "request decline",
		Usage:       "ID REASONS…",
		Description: "Decline a formal request sent to you, with the written reasons the requester must get (law.formal-request.decline), anywhere.",
		Examples:    []string{"/jointwork request decline R7 No capacity in the team until January; try the rapid response team"},
		MinArgs:     1, MaxArgs: -1,
		Run: h.requestDecline,
	}}
}

// recipient resolves @user, an agency or a role to one person. An agency
// goes to its most senior person (nobody above them in the same agency;
// ties go to whoever manages more of the agency, then by handle); a role
// goes to the first person with it by handle, not the requester.
func (h *Handlers) recipient(arg, from string) (directory.Person, error) {
	if strings.HasPrefix(arg, "@") {
		return h.person(arg)
	}
	team := strings.ToLower(arg)
	people := h.Directory.People()
	var agency, role []directory.Person
	for _, p := range people {
		if p.Agency == team {
			agency = append(agency, p)
		}
		if strings.ReplaceAll(strings.ToLower(p.Role), " ", "-") == team && p.Handle != from {
			role = append(role, p)
		}
	}
	switch {
	case len(agency) > 0:
		return senior(agency), nil
	case len(role) > 0:
		return role[0], nil
	}
	return directory.Person{}, bot.Refusef("I don't know %q: name a person as @handle, or a team as an agency or a role with dashes (for example nhs-community-trust or district-nurse).", arg)
}

// senior picks the most senior person of one agency.
func senior(staff []directory.Person) directory.Person {
	in := map[string]bool{}
	reports := map[string]int{}
	for _, p := range staff {
		in[p.Handle] = true
	}
	for _, p := range staff {
		if in[p.Manager] {
			reports[p.Manager]++
		}
	}
	sort.SliceStable(staff, func(i, j int) bool {
		a, b := staff[i], staff[j]
		if topA, topB := !in[a.Manager], !in[b.Manager]; topA != topB {
			return topA
		}
		if reports[a.Handle] != reports[b.Handle] {
			return reports[a.Handle] > reports[b.Handle]
		}
		return a.Handle < b.Handle
	})
	return staff[0]
}

func (h *Handlers) request(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	c, err := h.caseHere(ctx, r)
	if err != nil {
		return nil, err
	}
	to, err := h.recipient(r.Arg(0), r.Actor.Handle)
	if err != nil {
		return nil, err
	}
	if to.Handle == r.Actor.Handle {
		return nil, bot.Refusef("You cannot send a formal request to yourself.")
	}
	due, next, err := h.dueAt(r, 1)
	if err != nil {
		return nil, err
	}
	text := r.Tail(next)
	if err := checkText("request text", text, maxItemText, true); err != nil {
		return nil, err
	}
	if err := h.mayShareWith(c, to); err != nil {
		return nil, err
	}
	id, err := h.Store.NewID(ctx, "R")
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	q := &state.Request{ID: id, From: r.Actor.Handle, To: to.Handle, Text: text, Due: due}
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if err := h.mayShareWith(tx.Case, to); err != nil {
			return err
		}
		tx.PutRequest(q)
		tx.Log(state.Entry{Actor: r.Actor.Handle, Action: actRequestSent, Item: id,
			Detail: fmt.Sprintf("to @%s (%s), due %s: %s", to.Handle, to.Agency, due.Format("2006-01-02"), text), Basis: "law.formal-request"})
		if h.Policy != nil {
			h.Policy.RequestSent(tx, q)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return h.afterRequest(ctx, r, c, q, to), nil
}

// mayShareWith refuses a request to another agency while no permitted
// consent decision stands: a referral shares the person's information too.
func (h *Handlers) mayShareWith(c *state.Case, to directory.Person) error {
	if to.Agency == h.leadAgency(c) {
		return nil
	}
	cs := c.Consent
	if cs != nil && cs.Decision == "permitted" && !cs.Withdrawn {
		return nil
	}
	return bot.Refusef("@%s is from %s, another agency than the case lead's (%s). A formal request shares the person's information, so it needs a permitted consent decision first (consent.required). Record it: `/jointwork consent`.", to.Handle, to.Agency, h.leadAgency(c))
}

// afterRequest opens the request's thread and sends it to the recipient
// with Accept and Decline.
func (h *Handlers) afterRequest(ctx context.Context, r *bot.Request, c *state.Case, q *state.Request, to directory.Person) []bot.Message {
	root := bot.Message{To: toCase(c), Kind: bot.KindEvent,
		Text:    fmt.Sprintf("Formal request %s from @%s to @%s (%s), due %s: %s", q.ID, q.From, to.Handle, to.Agency, h.day(q.Due), q.Text),
		Context: "Rule law.formal-request · answers appear in this thread"}
	if ref, ok := h.send(ctx, r, root); ok {
		h.setThread(ctx, c.Ref, q.ID, ref.ID)
	}
	_, sent := h.send(ctx, r, bot.Message{To: dm(to.Handle), Kind: bot.KindEvent,
		Title: fmt.Sprintf("Formal request %s for joint work (case %s)", q.ID, c.Ref),
		Text:  fmt.Sprintf("From @%s, due %s: %s\nPlease accept, or decline with written reasons (law.formal-request.decline).", q.From, h.day(q.Due), q.Text),
		Buttons: []bot.Button{
			{Label: "Accept", Command: "request accept " + q.ID, Style: bot.StylePrimary},
			{Label: "Decline", Command: "request decline " + q.ID, Style: bot.StyleDanger, Input: &bot.Input{Label: "Reasons", Placeholder: "Why you cannot take this on (the requester gets these reasons)"}},
		}})
	h.refresh(ctx, r, c.Ref)
	if !sent {
		return []bot.Message{bot.Private(r.Actor.Handle, fmt.Sprintf("Request %s is recorded, but I could not message @%s: please tell them.", q.ID, to.Handle))}
	}
	return nil
}
