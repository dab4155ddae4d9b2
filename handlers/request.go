package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/disclosure"
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
		Usage:       "[REF] ID",
		Description: "Accept a formal request sent to you (the same as the Accept button), anywhere. Ids are per case: name the case when more than one of yours has that id.",
		Examples:    []string{"/jointwork request accept R7", "/jointwork request accept c101 R7"},
		MinArgs:     1, MaxArgs: 2,
		Run: h.requestAccept,
	}, {
		Name:        "request decline",
		Usage:       "[REF] ID duties|functions REASONS…",
		Description: "Decline a formal request sent to you, anywhere: the ground (it would prevent you carrying out your own duties, or exercising your other functions) and the written reasons the requester must get (law.formal-request.decline).",
		Examples:    []string{"/jointwork request decline R7 duties No nurse in the team is free until January; the rapid response team may help"},
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
	if err := h.mayShareWith(c, r.Actor.Handle, to); err != nil {
		return nil, err
	}
	var q *state.Request
	_, err = h.update(ctx, c.Ref, func(tx *state.Tx) error {
		if err := h.mayShareWith(tx.Case, r.Actor.Handle, to); err != nil {
			return err
		}
		id, err := tx.NewID("R")
		if err != nil {
			return err
		}
		q = &state.Request{ID: id, From: r.Actor.Handle, To: to.Handle, Text: text, Due: due}
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

// mayShareWith applies the disclosure rule to a formal request: a member
// the basis admits may get one from any member; anyone outside the case
// only from the lead or a delegate, and only when the basis admits their
// agency (a request discloses the case exactly as an invite does).
func (h *Handlers) mayShareWith(c *state.Case, by string, to directory.Person) error {
	v := h.viewOf(c, nil)
	p := disclosure.Person{Handle: to.Handle, Agency: to.Agency}
	if _, member := c.Members[to.Handle]; member || to.Handle == c.Lead {
		if disclosure.Check(v, p, disclosure.Purpose{Kind: disclosure.Notify}).Allowed {
			return nil
		}
	}
	d := disclosure.Check(v, p, disclosure.Purpose{Kind: disclosure.RequestOutside, By: by})
	switch {
	case d.Allowed:
		return nil
	case d.Reason == disclosure.DenySender:
		return bot.Refusef("@%s is not a member of case %s. A formal request to someone outside the case shares it as an invite does, "+
			"so only the case lead (@%s) or a delegate can send it.", to.Handle, c.Ref, c.Lead)
	case v.Permitted && v.Basis == disclosure.BasisAssumed:
		return bot.Refusef("@%s is from %s. Case %s rests on assumed consent, which covers the case lead's own agency (%s) only, "+
			"so a formal request cannot go to another agency. Record consent or another basis first: `/jointwork consent`.", to.Handle, to.Agency, c.Ref, v.LeadAgency)
	}
	return bot.Refusef("A formal request to @%s (%s) shares the person's information, so it needs a permitted consent decision first "+
		"(consent.required), even within one agency. Record it: `/jointwork consent`.", to.Handle, to.Agency)
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
	purpose := disclosure.Purpose{Kind: disclosure.Notify}
	if _, member := c.Members[to.Handle]; !member && to.Handle != c.Lead {
		purpose = disclosure.Purpose{Kind: disclosure.RequestOutside, By: q.From}
	}
	_, sent := h.send(ctx, r, bot.Message{To: dm(to.Handle), Kind: bot.KindEvent, Case: c.Ref, Purpose: purpose,
		Title:   fmt.Sprintf("Formal request %s for joint work (case %s)", q.ID, c.Ref),
		Text:    fmt.Sprintf("From @%s, due %s: %s\nPlease accept, or decline with written reasons (law.formal-request.decline).", q.From, h.day(q.Due), q.Text),
		Buttons: append([]bot.Button{{Label: "Accept", Command: "request accept " + c.Ref + " " + q.ID, Style: bot.StylePrimary}}, declineButtons(c.Ref+" "+q.ID)...)})
	h.refresh(ctx, r, c.Ref)
	if !sent {
		return []bot.Message{casePrivate(r.Actor.Handle, c.Ref, fmt.Sprintf("Request %s is recorded, but I could not message @%s: please tell them.", q.ID, to.Handle))}
	}
	return nil
}
