// Package handlers holds jointwork's commands, one file per family. Handlers
// take a neutral request and return neutral messages: they know nothing of
// Slack, Teams or the console.
package handlers

import (
	"log/slog"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/calendar"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

// Deps are what the handlers need.
type Deps struct {
	Store     *state.Store
	Directory *directory.Directory
	Book      *rules.Book
	Calendar  *calendar.Calendar
	Now       func() time.Time
	DialogTTL time.Duration
	Log       *slog.Logger
	// Policy is told of case events inside their transactions (escalations).
	Policy *escalation.Policy
	// FeedbackTextTTL is how long a voted question that passed the privacy
	// check is kept; 0 keeps none.
	FeedbackTextTTL time.Duration
	// Withheld, when set, hears of every message the send gate refused
	// (the test harness fails the test).
	Withheld func(bot.Message, disclosure.Decision)
}

// Handlers carries the dependencies every command family uses.
type Handlers struct {
	Deps
	reg *bot.Registry
}

// Register adds every command to reg and returns the handlers.
func Register(reg *bot.Registry, d Deps) *Handlers {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.DialogTTL == 0 {
		d.DialogTTL = 30 * time.Minute
	}
	h := &Handlers{Deps: d, reg: reg}
	for _, family := range [][]*bot.Command{
		h.helpCommands(),
		h.askCommands(),
		h.feedbackCommands(),
		h.caseCommands(),
		h.consentCommands(),
		h.memberCommands(),
		h.levelCommands(),
		h.taskCommands(),
		h.requestCommands(),
		h.delayCommands(),
		h.concernCommands(),
		h.recordCommands(),
		h.adminCommands(),
		h.escalateCommands(),
		h.homeCommands(),
		h.casesCommands(),
		h.caseShowCommands(),
		h.digestCommands(),
		h.taskEditCommands(),
		h.requestCancelCommands(),
	} {
		reg.Add(personal(guarded(family))...)
	}
	return h
}
