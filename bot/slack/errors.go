package slack

import (
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// APIError is a Web API call that failed for good (after any retries). Code
// is Slack's error code ("not_in_channel"), or "rate_limited", "http_NNN" or
// "network". When the person who asked can act on it, the error also wraps a
// *bot.UserError with a plain-words explanation, so a handler that returns
// it (wrapped with %w) shows that text instead of a generic failure.
type APIError struct {
	Method string
	Code   string
	Err    error
	user   *bot.UserError
}

func (e *APIError) Error() string {
	return fmt.Sprintf("slack %s: %s: %v", e.Method, e.Code, e.Err)
}

// Unwrap exposes the underlying error and the user-facing explanation.
func (e *APIError) Unwrap() []error {
	if e.user == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.user}
}

// UserMessage is the plain-words explanation, or "" when there is none.
func (e *APIError) UserMessage() string {
	if e.user == nil {
		return ""
	}
	return e.user.Msg
}

// userMessages explain permanent errors to the person who asked.
var userMessages = map[string]string{
	"not_in_channel":     "I'm not a member of that channel, so I can't do that there. Add me to it (type `/invite @jointwork` in the channel) and try again.",
	"channel_not_found":  "I can't find that channel: it may have been deleted, or it is private and I am not in it.",
	"restricted_action":  "Your Slack workspace's settings don't let me do that (restricted_action). Please ask a Slack admin to allow apps to manage channels, or do it by hand.",
	"is_archived":        "That channel is archived, so nothing more can be posted or changed there.",
	"user_not_found":     "Slack doesn't know that person. Check they are a member of this workspace.",
	"users_not_found":    "Slack doesn't know that person. Check they are a member of this workspace.",
	"cant_invite":        "Slack won't let me invite that person to this channel (for example a guest account). Please invite them by hand.",
	"ekm_access_denied":  "Your workspace administrators have suspended posting here.",
	"not_authed":         "The jointwork Slack app is not signed in (no bot token). Please tell your jointwork administrator.",
	"invalid_auth":       "The jointwork Slack app is not signed in correctly (invalid bot token). Please tell your jointwork administrator.",
	"token_revoked":      "The jointwork Slack app's token was revoked. Please tell your jointwork administrator to reinstall the app.",
	"account_inactive":   "The jointwork Slack app has been deactivated in this workspace. Please tell your jointwork administrator.",
	"rate_limited":       "Slack is asking me to slow down right now. Please try again in a minute.",
	"network":            "Slack isn't answering right now. Please try again in a minute.",
	"channel_is_private": "That channel is private and I am not in it.",
}

func newAPIError(method string, err error) *APIError {
	e := &APIError{Method: method, Code: codeOf(err), Err: err}
	msg := userMessages[e.Code]
	switch {
	case e.Code == "missing_scope":
		msg = "The jointwork Slack app is missing a permission"
		var se slack.SlackErrorResponse
		if errors.As(err, &se) && se.Needed != "" {
			msg += " (" + se.Needed + ")"
		}
		msg += ". Please ask your jointwork administrator to reinstall it from deploy/slack/manifest.yaml."
	case msg == "" && strings.HasPrefix(e.Code, "http_5"):
		msg = userMessages["network"]
	}
	if msg != "" {
		e.user = &bot.UserError{Msg: msg}
	}
	return e
}

func codeOf(err error) string {
	var se slack.SlackErrorResponse
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	switch {
	case errors.As(err, &se):
		return se.Err
	case errors.As(err, &rl):
		return "rate_limited"
	case errors.As(err, &sc):
		return fmt.Sprintf("http_%d", sc.Code)
	case transient(err):
		return "network"
	}
	return "error"
}

// hasCode reports whether err is an APIError (or Slack error) with one of codes.
func hasCode(err error, codes ...string) bool {
	if err == nil {
		return false
	}
	c := codeOf(err)
	var ae *APIError
	if errors.As(err, &ae) {
		c = ae.Code
	}
	for _, want := range codes {
		if c == want {
			return true
		}
	}
	return false
}
