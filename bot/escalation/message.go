package escalation

import (
	"context"
	"fmt"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// story is what a ping says happened, and where to look.
type story struct {
	title, text string
	fields      []bot.Field
	thread      string
}

// message renders ping r as a DM: what happened, the case reference (never
// personal details), where to look, and Acknowledge / Snooze / Open case.
func (e *Engine) message(ctx context.Context, r *Record, cs *state.Case) (bot.Message, error) {
	s, err := e.story(ctx, r, cs)
	if err != nil {
		return bot.Message{}, err
	}
	title := s.title
	if r.Sends > 0 {
		title = "Reminder: " + title
	}
	about := r.Origin
	if about == "" {
		about = cs.Lead
	}
	m := bot.Message{To: bot.Target{Kind: bot.ToDM, User: r.To}, Kind: bot.KindPing, Title: title, Case: cs.Ref,
		Purpose: disclosure.Purpose{Kind: disclosure.Escalation, About: about}}
	m.Text = s.text
	if why := e.Policy.why(r); why != "" {
		m.Text += "\n" + why
	}
	m.Fields = append([]bot.Field{{Label: "Case", Value: cs.Ref}, {Label: "Where", Value: where(cs, s.thread)}}, s.fields...)
	m.Fields = append(m.Fields, bot.Field{Label: "Ping", Value: r.ID})
	m.Context = "Acknowledge to say you have it in hand (it then goes no further); Snooze reminds you in 1 working day."
	m.Buttons = []bot.Button{
		{Label: "Acknowledge", Command: "ack " + r.ID, Style: bot.StylePrimary},
		{Label: "Snooze", Command: "snooze " + r.ID},
		e.openButton(cs.Ref),
	}
	return m, nil
}

// openButton opens the case when the bot has "case show", else lists the
// person's pings.
func (e *Engine) openButton(ref string) bot.Button {
	if e.opt.Commands != nil {
		if _, ok := e.opt.Commands.Lookup("case show"); ok {
			return bot.Button{Label: "Open case", Command: "case show " + ref}
		}
	}
	return bot.Button{Label: "Open case", Command: "escalations"}
}

// where names the channel and thread to look in.
func where(cs *state.Case, thread string) string {
	ch := "case " + cs.Ref
	if cs.ChannelName != "" {
		ch = "#" + cs.ChannelName
	}
	if thread == "" {
		return ch
	}
	return ch + ", thread " + thread
}

// story says what happened for each reason.
func (e *Engine) story(ctx context.Context, r *Record, cs *state.Case) (story, error) {
	switch r.Reason {
	case ReasonRequestOverdue, ReasonRequestDeclined:
		return e.requestStory(ctx, r, cs)
	case ReasonTaskOverdue:
		return e.taskStory(ctx, r, cs)
	}
	return e.Policy.caseStory(r, cs), nil
}

func (e *Engine) requestStory(ctx context.Context, r *Record, cs *state.Case) (story, error) {
	reqs, err := e.Store.Requests(ctx, cs.Ref)
	if err != nil {
		return story{}, fmt.Errorf("read request %s: %w", r.Source, err)
	}
	var q state.Request
	for _, x := range reqs {
		if x.ID == r.Source {
			q = x
		}
	}
	p := e.Policy
	if r.Reason == ReasonRequestDeclined {
		s := story{title: fmt.Sprintf("Formal request %s was declined", r.Source), thread: q.Thread,
			text: fmt.Sprintf("@%s declined the formal request %s from @%s on case %s.", q.To, r.Source, q.From, cs.Ref)}
		s.fields = []bot.Field{{Label: "Reasons given", Value: q.Reasons}}
		return s, nil
	}
	s := story{title: fmt.Sprintf("Formal request %s is overdue", r.Source), thread: q.Thread,
		text: fmt.Sprintf("The formal request %s from @%s to @%s on case %s was due on %s and has not been answered.",
			r.Source, q.From, q.To, cs.Ref, p.day(q.Due))}
	if r.To == q.To {
		s.text += fmt.Sprintf(" Please answer it: `/jointwork request accept %s %s` or `/jointwork request decline %s %s duties|functions REASONS`.", cs.Ref, r.Source, cs.Ref, r.Source)
	}
	return s, nil
}

func (e *Engine) taskStory(ctx context.Context, r *Record, cs *state.Case) (story, error) {
	tasks, err := e.Store.Tasks(ctx, cs.Ref)
	if err != nil {
		return story{}, fmt.Errorf("read task %s: %w", r.Source, err)
	}
	var t state.Task
	for _, x := range tasks {
		if x.ID == r.Source {
			t = x
		}
	}
	s := story{title: fmt.Sprintf("Task %s is overdue", r.Source), thread: t.Thread,
		text: fmt.Sprintf("Task %s on case %s, owned by @%s, was due on %s and is still open.",
			r.Source, cs.Ref, t.Owner, e.Policy.day(t.Due))}
	switch {
	case r.To == t.Owner:
		s.text += fmt.Sprintf(" When it is done: `/jointwork task done %s %s`.", cs.Ref, r.Source)
	case r.Notice && r.To == cs.Lead:
		s.text += fmt.Sprintf(" You are told as the case lead: hand it on with `/jointwork task reassign %s %s @user` if @%s cannot do it.", cs.Ref, r.Source, t.Owner)
	}
	return s, nil
}

// caseStory covers the reasons that need nothing but the case.
func (p *Policy) caseStory(r *Record, cs *state.Case) story {
	ref := cs.Ref
	switch r.Reason {
	case ReasonDelayRecorded:
		return story{title: "Delay decision on case " + ref,
			text: fmt.Sprintf("@%s recorded a delay decision on case %s: %s.", r.By, ref, p.decision(r))}
	case ReasonAllocationPending:
		return story{title: "Allocation still pending on case " + ref,
			text: fmt.Sprintf("@%s decided on %s to wait for an allocation on case %s, and it is still pending.",
				r.By, p.day(stampTime(r.Extra[dataAt])), ref)}
	case ReasonConsentWithdrawn:
		return story{title: "Consent withdrawn on case " + ref,
			text: fmt.Sprintf("@%s recorded that consent to joint work on case %s was withdrawn. Everyone the remaining basis does not admit has left the case (a safeguarding enquiry keeps those it admits).", r.By, ref)}
	case ReasonBasisNarrowed:
		return story{title: "People taken off case " + ref,
			text: fmt.Sprintf("@%s recorded a consent decision on case %s that no longer admits everyone on it: those it does not admit were taken off, their requests withdrawn and their tasks left for a new owner.", r.By, ref)}
	case ReasonSafeguarding:
		return story{title: "Safeguarding enquiry is the basis on case " + ref,
			text: fmt.Sprintf("@%s recorded a safeguarding enquiry as the basis for joint work on case %s without the person's consent.", r.By, ref)}
	case ReasonSnoozedAgain:
		return story{title: fmt.Sprintf("@%s snoozed %s a third time", r.By, r.Source),
			text: fmt.Sprintf("@%s has put off ping %s on case %s three times. Their reason:\n> %s", r.By, r.Source, ref, r.Text)}
	case ReasonBestInterest:
		return story{title: "Best interest decision needed on case " + ref,
			text: fmt.Sprintf("@%s recorded a consent decision on case %s that needs a best interest decision, and it names you with the case lead @%s to arrange and record it (consent.incapacity.best-interest).", r.By, ref, r.Origin)}
	case ReasonEscalated:
		return story{title: fmt.Sprintf("@%s escalated case %s to you", r.By, ref), thread: r.Extra[dataThread],
			text: fmt.Sprintf("@%s, on case %s, asks for your attention:\n> %s", r.By, ref, r.Text)}
	}
	return story{title: "Case " + ref + " needs your attention", text: "Something on case " + ref + " needs your attention."}
}

// decision describes a delay decision.
func (p *Policy) decision(r *Record) string {
	d := "go ahead with their own work while the other service's allocation is delayed"
	if r.Extra[dataDecision] == "await" {
		d = "wait for the other service's allocation"
	}
	if u := r.Extra[dataUntil]; u != "" {
		if t, err := time.Parse(time.RFC3339, u); err == nil {
			d += ", expected by " + p.day(t)
		}
	}
	return d
}

// why tells the person why the ping came to them.
func (p *Policy) why(r *Record) string {
	switch {
	case r.Notice:
		if sg, ok := p.Directory.Contact(directory.Safeguarding); ok && sg.Handle == r.To {
			return "You are told as the safeguarding lead."
		}
		return ""
	case r.Prev != "":
		below := p.personBelow(r)
		return fmt.Sprintf("It comes to you as @%s's manager: @%s did not acknowledge %s in time.", below, below, r.Prev)
	case r.Level > 0:
		return fmt.Sprintf("It comes to you as @%s's manager.", p.personBelow(r))
	}
	return ""
}

// personBelow is the person r's recipient manages in the chain.
func (p *Policy) personBelow(r *Record) string {
	h := r.Origin
	for i := 1; i < r.Level; i++ {
		m, ok := p.Directory.Manager(h)
		if !ok {
			break
		}
		h = m.Handle
	}
	return h
}

// summary is the timeline detail of a delivered ping.
func (p *Policy) summary(r *Record) string {
	s := fmt.Sprintf("%s to @%s: %s", r.ID, r.To, reasonText(r))
	if r.Prev != "" {
		s += fmt.Sprintf(" (%s not acknowledged)", r.Prev)
	}
	return s
}

// reasonText is a short phrase for a ping's reason.
func reasonText(r *Record) string {
	switch r.Reason {
	case ReasonRequestOverdue:
		return "request " + r.Source + " overdue"
	case ReasonRequestDeclined:
		return "request " + r.Source + " declined"
	case ReasonTaskOverdue:
		return "task " + r.Source + " overdue"
	case ReasonDelayRecorded:
		return "delay decision recorded"
	case ReasonAllocationPending:
		return "allocation still pending"
	case ReasonConsentWithdrawn:
		return "consent withdrawn"
	case ReasonSafeguarding:
		return "safeguarding enquiry is the basis"
	case ReasonBasisNarrowed:
		return "people taken off by a new consent decision"
	case ReasonEscalated:
		return "escalated by @" + r.By
	case ReasonBestInterest:
		return "best interest decision needed"
	case ReasonSnoozedAgain:
		return r.Source + " snoozed a third time by @" + r.By
	}
	return r.Reason
}
