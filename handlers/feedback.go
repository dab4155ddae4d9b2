package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/privacy"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

func (h *Handlers) feedbackCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "feedback",
		Usage: "up|down [RULE BAND]",
		Description: "Say whether an answer helped (the 👍 / 👎 buttons): with no rule, about the last answer I gave you. " +
			"Only counts per rule are kept, never who voted.",
		Examples: []string{"/jointwork feedback up", "/jointwork feedback down consent.required answer"},
		MinArgs:  1, MaxArgs: 3,
		Run: h.feedback,
	}}
}

// voteButtons are the 👍 / 👎 under an answer from rule in band.
func voteButtons(rule, band string) []bot.Button {
	return []bot.Button{
		{Label: "👍", Command: "feedback up " + rule + " " + band},
		{Label: "👎", Command: "feedback down " + rule + " " + band},
	}
}

// rememberAnswer keeps the rule and band of a person's last answer for a
// typed `feedback up`, and the question only when it passes the privacy
// check and question text may be kept at all (FeedbackTextTTL > 0).
func (h *Handlers) rememberAnswer(ctx context.Context, handle string, last state.LastAnswer, question string) {
	ttl := h.DialogTTL
	if h.FeedbackTextTTL > 0 && privacy.CheckText("question", question) == nil {
		last.Question = question
		ttl = min(ttl, h.FeedbackTextTTL)
	}
	if err := h.Store.SaveLastAnswer(ctx, handle, last, ttl); err != nil {
		h.Log.Warn("last answer not kept", "err", err)
	}
}

func (h *Handlers) feedback(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	word := strings.ToLower(r.Arg(0))
	vote, err := rules.ParseVote(word)
	if err != nil {
		return nil, bot.Refusef("Say `feedback up` (👍) or `feedback down` (👎), not %q.", r.Arg(0))
	}
	last, lerr := h.Store.LastAnswerOf(ctx, r.Actor.Handle)
	if lerr != nil && !errors.Is(lerr, state.ErrNotFound) {
		return nil, fmt.Errorf("feedback: %w", lerr)
	}
	rule, band := strings.ToLower(r.Arg(1)), strings.ToLower(r.Arg(2))
	if rule == "" {
		if lerr != nil {
			return nil, bot.Refusef("I have no recent answer of mine to you to rate. Ask a question first, then `feedback up` or `feedback down`.")
		}
		rule, band = last.Rule, last.Band
	}
	if err := h.checkVote(rule, band); err != nil {
		return nil, err
	}
	if err := h.Store.CountVote(ctx, rule, band, string(vote)); err != nil {
		return nil, fmt.Errorf("feedback: %w", err)
	}
	if lerr == nil && last.Rule == rule && last.Question != "" && h.FeedbackTextTTL > 0 {
		h.keepQuestion(ctx, state.FeedbackText{Rule: rule, Band: band, Vote: string(vote), Question: last.Question, At: h.Now()})
	}
	return []bot.Message{bot.Private(r.Actor.Handle, thanks(word, vote, rule))}, nil
}

// checkVote refuses a vote on no rule of the book or an unknown band.
func (h *Handlers) checkVote(rule, band string) error {
	if _, ok := h.Book.Rule(rule); !ok {
		return bot.Refusef("There is no rule `%s` to rate.", rule)
	}
	if err := rules.CheckFeedback(rule, band); err != nil {
		return bot.Refusef("Rate an answer as `feedback up|down RULE BAND` with BAND one of answer, unsure, unknown.")
	}
	return nil
}

// keepQuestion stores a voted question for review until its TTL ends.
func (h *Handlers) keepQuestion(ctx context.Context, f state.FeedbackText) {
	id, err := h.Store.NewID(ctx, "F")
	if err == nil {
		err = h.Store.SaveFeedbackText(ctx, id, f, h.FeedbackTextTTL)
	}
	if err != nil {
		h.Log.Warn("voted question not kept", "err", err)
	}
}

// Typed replies to "I think you mean …", for platforms without buttons.
var (
	typedYes    = map[string]bool{"yes": true, "yes please": true, "y": true, "yep": true, "that's it": true, "yes that's it": true}
	typedOthers = map[string]bool{"show other topics": true, "other topics": true, "no": true, "none of those": true, "something else": true}
)

// AnswerWaiting reports whether handle's last answer was an "I think you
// mean" suggestion, so a plain "yes" or "no" answers it (bot.Options).
func (h *Handlers) AnswerWaiting(ctx context.Context, handle string) bool {
	last, err := h.Store.LastAnswerOf(ctx, handle)
	return err == nil && last.Band == rules.BandUnsure
}

// typedReply takes a plain "yes" or "show other topics" after an "I think
// you mean" answer as its buttons; ok is false for anything else.
func (h *Handlers) typedReply(ctx context.Context, r *bot.Request) ([]bot.Message, bool, error) {
	text := strings.ToLower(strings.Trim(strings.TrimSpace(r.Tail(0)), ".!? "))
	if !typedYes[text] && !typedOthers[text] {
		return nil, false, nil
	}
	last, err := h.Store.LastAnswerOf(ctx, r.Actor.Handle)
	if errors.Is(err, state.ErrNotFound) || (err == nil && last.Band != rules.BandUnsure) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("typed reply: %w", err)
	}
	if typedYes[text] {
		if err := h.Store.CountVote(ctx, last.Rule, last.Band, state.VoteUp); err != nil {
			return nil, false, fmt.Errorf("typed reply: %w", err)
		}
		return []bot.Message{bot.Private(r.Actor.Handle, thanks("yes", rules.VoteUp, last.Rule))}, true, nil
	}
	if len(last.Others) == 0 {
		return []bot.Message{bot.Private(r.Actor.Handle, "I have no other close topics for that question. Try rephrasing, or `/jointwork help`.")}, true, nil
	}
	msgs, err := h.topicsMessage(last.Others)
	return msgs, true, err
}

func thanks(word string, vote rules.Vote, rule string) string {
	if word == "yes" {
		return "Good: thank you for confirming (counted as 👍 for " + rule + ")."
	}
	if vote == rules.VoteUp {
		return "Thank you: your 👍 on " + rule + " is counted (only counts are kept)."
	}
	return "Thank you: your 👎 on " + rule + " is counted (only counts are kept). Try rephrasing, or `/jointwork help`."
}

// FeedbackSource reads the 👍 / 👎 counts from the store, for
// `jointwork rules stats`.
type FeedbackSource struct{ Store *state.Store }

// FeedbackCounts returns the counts per rule and band.
func (f FeedbackSource) FeedbackCounts(ctx context.Context) ([]rules.FeedbackCount, error) {
	vs, err := f.Store.VoteCounts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]rules.FeedbackCount, len(vs))
	for i, v := range vs {
		out[i] = rules.FeedbackCount{Rule: v.Rule, Band: v.Band, Up: v.Up, Down: v.Down}
	}
	return out, nil
}
