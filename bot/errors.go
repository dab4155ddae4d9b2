package bot

import (
	"errors"
	"fmt"
)

// UserError is a problem with what the user asked: the message is shown to
// them as it is, and nothing was changed.
type UserError struct{ Msg string }

func (e *UserError) Error() string { return e.Msg }

// Refusef returns a UserError with a formatted message: the user-facing
// text of a refusal (nothing was changed), not an internal error.
func Refusef(format string, args ...any) error {
	return &UserError{Msg: fmt.Sprintf(format, args...)}
}

// AsUserError reports whether err is (or wraps) a UserError and returns it.
func AsUserError(err error) (*UserError, bool) {
	var ue *UserError
	ok := errors.As(err, &ue)
	return ue, ok
}

// Outage is implemented by errors that mean the store cannot read or write
// right now (bot/state's ErrUnavailable and everything wrapping it): the
// user is told nothing was changed and to try again.
type Outage interface{ Unavailable() bool }

// IsUnavailable reports whether err is (or wraps) an Outage.
func IsUnavailable(err error) bool {
	var o Outage
	return errors.As(err, &o) && o.Unavailable()
}

// Finished is implemented by errors that mean the event being handled is
// already done (bot/state's ErrDone): another run of the same event
// committed first, so this one changed nothing and says nothing.
type Finished interface{ AlreadyDone() bool }

// IsDone reports whether err is (or wraps) a Finished error.
func IsDone(err error) bool {
	var f Finished
	return errors.As(err, &f) && f.AlreadyDone()
}

// Uncertain is implemented by errors that mean a change was sent to the
// store but whether it was applied is unknown (bot/state's
// ErrUnknownOutcome): the user is told to check, never "nothing changed".
type Uncertain interface{ OutcomeUnknown() bool }

// IsUnknownOutcome reports whether err is (or wraps) an Uncertain error.
func IsUnknownOutcome(err error) bool {
	var u Uncertain
	return errors.As(err, &u) && u.OutcomeUnknown()
}
