package handlers

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
)

// The concern dialog: what happened, then which organisation.
const (
	dialogConcern = "concern"
	stepWhat      = "what"
	stepOrg       = "org"
	maxConcern    = 2000
	maxOrg        = 100
	concernRule   = "concern.whistleblowing"
)

var mentionRE = regexp.MustCompile(`@([a-z][a-z0-9._-]*)`)

// Concern is a concern about a practitioner, stored under its own key
// (jw:concern:W1), never on a case timeline.
type Concern = state.Concern

func (h *Handlers) concernCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "concern",
		Usage: "[what happened…]",
		Description: "Raise a concern about another practitioner's practice, privately: it goes to the whistleblowing officer with the procedure " +
			"(concern.whistleblowing), never to a case channel or to that practitioner's manager. You get a reference.",
		Examples: []string{"/jointwork concern"},
		Where:    bot.InDM, MaxArgs: -1, Anonymous: true,
		Run: h.concern,
	}}
}

func (h *Handlers) concern(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	key := bot.DialogKey(r.Event.Platform, r.Actor.Handle, r.Event.Place.Channel)
	d, err := h.concernDialog(ctx, key)
	if err != nil {
		return nil, err
	}
	text := strings.TrimSpace(r.Tail(0))
	if d != nil && (strings.EqualFold(text, "cancel") || strings.EqualFold(text, "stop")) {
		if err := h.Store.EndDialog(ctx, key); err != nil {
			return nil, fmt.Errorf("concern: %w", err)
		}
		return []bot.Message{bot.Text("Stopped. Nothing was sent or kept.")}, nil
	}
	if d == nil {
		d = &state.Dialog{Kind: dialogConcern, Step: stepWhat, Data: map[string]string{}}
		if text == "" {
			return h.saveConcern(ctx, key, d, whatQuestion())
		}
	}
	if d.Step == stepWhat {
		if err := checkText("description", text, maxConcern, true); err != nil {
			return nil, err
		}
		d.Data[stepWhat], d.Step = text, stepOrg
		return h.saveConcern(ctx, key, d, h.orgQuestion())
	}
	if err := checkText("organisation", text, maxOrg, true); err != nil {
		return nil, err
	}
	return h.routeConcern(ctx, r, key, d.Data[stepWhat], text)
}

func (h *Handlers) concernDialog(ctx context.Context, key string) (*state.Dialog, error) {
	d, err := h.Store.Dialog(ctx, key)
	if errors.Is(err, state.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("concern dialog: %w", err)
	}
	if d.Kind != dialogConcern {
		return nil, nil
	}
	if d.Data == nil {
		d.Data = map[string]string{}
	}
	return d, nil
}

func (h *Handlers) saveConcern(ctx context.Context, key string, d *state.Dialog, m bot.Message) ([]bot.Message, error) {
	if err := h.Store.SaveDialog(ctx, key, d, h.DialogTTL); err != nil {
		return nil, fmt.Errorf("concern dialog: %w", err)
	}
	return []bot.Message{m}, nil
}

func whatQuestion() bot.Message {
	return bot.Message{Title: "Raise a concern privately",
		Text: "What happened? Describe the practice that worries you: what, when, and the effect on the person, carer or child. " +
			"This stays between you and the whistleblowing officer. (Type `cancel` to stop.)"}
}

// orgQuestion asks which organisation the practitioner works for, with a
// button per agency in the directory.
func (h *Handlers) orgQuestion() bot.Message {
	seen := map[string]bool{}
	for _, p := range h.Directory.People() {
		seen[p.Agency] = true
	}
	agencies := make([]string, 0, len(seen))
	for a := range seen {
		agencies = append(agencies, a)
	}
	sort.Strings(agencies)
	m := bot.Message{Text: "Which organisation does the practitioner work for? Press a button or type its name."}
	for _, a := range agencies {
		m.Buttons = append(m.Buttons, bot.Button{Label: a, Command: "concern " + a})
	}
	return m
}

// routeConcern sends the concern to the whistleblowing officer (or, when
// the officer is named in it or manages someone named in it, to the
// safeguarding lead), keeps it under its own key and gives a reference.
func (h *Handlers) routeConcern(ctx context.Context, r *bot.Request, key, what, org string) ([]bot.Message, error) {
	if err := h.Store.EndDialog(ctx, key); err != nil {
		return nil, fmt.Errorf("concern: %w", err)
	}
	to, ok := h.concernRecipient(r.Actor.Handle, what)
	if !ok {
		return []bot.Message{bot.Text("I have no one to send this to without a conflict of interest. Nothing was kept. " +
			"Please follow your organisation's Whistleblowing Procedure directly. " + h.ruleQuote(concernRule, ""))}, nil
	}
	id, err := h.Store.NewID(ctx, "W")
	if err != nil {
		return nil, fmt.Errorf("concern: %w", err)
	}
	cn := Concern{ID: id, RaisedBy: r.Actor.Handle, Org: org, Text: what, SentTo: to.Handle, At: h.Now()}
	if err := h.Store.SaveConcern(ctx, cn); err != nil {
		return nil, fmt.Errorf("concern %s: %w", id, err)
	}
	h.Log.Info("concern routed", "ref", id, "to", to.Handle)
	if _, err := r.Platform.Send(ctx, h.concernMessage(cn, r.Actor)); err != nil {
		return nil, fmt.Errorf("concern %s: send: %w", id, err)
	}
	return []bot.Message{{Kind: bot.KindEvent, Title: "Concern " + id + " raised",
		Text: fmt.Sprintf("Thank you. Your reference is %s. %s "+
			"It was not posted in any case channel and not sent to any manager.", id, h.sentToWords(to, what)),
		Context: h.ruleQuote(concernRule, "Raise concerns about another practitioner's practice through the Whistleblowing Procedure.")}}, nil
}

// concernRecipient picks the whistleblowing officer, else the safeguarding
// lead, skipping anyone named in the concern, managing someone named in it,
// or raising it.
func (h *Handlers) concernRecipient(raiser, what string) (directory.Person, bool) {
	named := map[string]bool{}
	for _, m := range mentionRE.FindAllStringSubmatch(strings.ToLower(what), -1) {
		named[m[1]] = true
	}
	for _, role := range []string{directory.Whistleblowing, directory.Safeguarding} {
		p, ok := h.Directory.Contact(role)
		if !ok || p.Handle == raiser || named[p.Handle] {
			continue
		}
		conflicted := false
		for n := range named {
			if m, ok := h.Directory.Manager(n); ok && m.Handle == p.Handle {
				conflicted = true
			}
		}
		if !conflicted {
			return p, true
		}
	}
	return directory.Person{}, false
}

func (h *Handlers) concernMessage(cn Concern, raiser directory.Person) bot.Message {
	return bot.Message{To: dm(cn.SentTo), Kind: bot.KindPing, Title: "Concern " + cn.ID + " about a practitioner's practice",
		Text: fmt.Sprintf("Raised privately by @%s (%s, %s) about a practitioner at %s:\n%s", raiser.Handle, raiser.Role, raiser.Agency, cn.Org, cn.Text),
		Fields: []bot.Field{{Label: "Procedure", Value: h.ruleQuote(concernRule, "Handle it under the Whistleblowing Procedure.")},
			{Label: "Next step", Value: "Contact @" + raiser.Handle + " directly. Do not discuss it in a case channel or with the practitioner's manager."}},
		Context: "jointwork never posts concerns in case channels"}
}

// sentToWords tells the raiser where the concern went: to the whistleblowing
// officer, or, when the concern names the officer (or someone they manage),
// to the safeguarding lead instead, and why.
func (h *Handlers) sentToWords(to directory.Person, what string) string {
	if off, ok := h.Directory.Contact(directory.Whistleblowing); ok && off.Handle != to.Handle {
		return fmt.Sprintf("Because it names the whistleblowing officer (or someone they manage), it went privately to the safeguarding lead, @%s (%s), "+
			"not to the whistleblowing officer.", to.Handle, to.Role)
	}
	return fmt.Sprintf("It went privately to the whistleblowing officer, @%s (%s), to handle under the Whistleblowing Procedure.", to.Handle, to.Role)
}
