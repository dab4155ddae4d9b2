package state

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/redis/go-redis/v9"
)

var (
	// ErrNotFound means the case, item, dialog or schedule entry does not exist.
	ErrNotFound = errors.New("state: not found")
	// ErrExists means a case with that reference already exists.
	ErrExists = errors.New("state: already exists")
	// ErrUnavailable wraps network errors, timeouts and a Redis that is
	// loading or read-only: the bot should say it cannot save right now.
	ErrUnavailable error = &outage{"state: redis unavailable"}
	// ErrConflict means Update gave up after repeated concurrent changes.
	ErrConflict = errors.New("state: too many concurrent changes")
	// ErrLeaseLost means a scheduler claim is no longer held: its lease
	// expired and another worker took the item, or the item was rescheduled,
	// unscheduled or completed meanwhile.
	ErrLeaseLost = errors.New("state: lease lost")
	// ErrInvalid means an argument (case reference, id kind, key) is malformed.
	ErrInvalid = errors.New("state: invalid argument")
)

// unavailablePrefixes are Redis error replies that mean "try again later".
var unavailablePrefixes = []string{"LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "BUSY "}

// wrap adds context to err and marks transport failures with ErrUnavailable.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if isUnavailable(err) {
		return fmt.Errorf("state: %s: %w: %w", op, ErrUnavailable, err)
	}
	return fmt.Errorf("state: %s: %w", op, err)
}

// isUnavailable reports whether err means Redis could not be reached or
// cannot take writes right now.
func isUnavailable(err error) bool {
	var ne net.Error
	switch {
	case errors.Is(err, ErrUnavailable):
		return true
	case errors.As(err, &ne):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, redis.ErrPoolTimeout), errors.Is(err, redis.ErrClosed):
		return true
	}
	msg := err.Error()
	for _, p := range unavailablePrefixes {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// outage is the type of ErrUnavailable: it says it is an outage
// (bot.Outage), so the kernel needs no import of this package.
type outage struct{ msg string }

func (e *outage) Error() string { return e.msg }

// Unavailable reports true: the store cannot read or write right now.
func (e *outage) Unavailable() bool { return true }
