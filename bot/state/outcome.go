package state

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/internal/wait"
)

// ErrUnknownOutcome means a transaction was sent but its reply was lost,
// and Redis could not be asked in time whether it committed: the change
// may or may not be saved. It does not match ErrUnavailable, whose message
// to people is "nothing was changed". A retry of the same event is safe:
// if the change was saved, its done marker was saved with it.
var ErrUnknownOutcome error = &unknownOutcome{}

// unknownOutcome is the type of ErrUnknownOutcome: it says so
// (bot.Uncertain), so the kernel needs no import of this package.
type unknownOutcome struct{}

func (*unknownOutcome) Error() string { return "state: outcome of the change unknown" }

// OutcomeUnknown reports true: the change may or may not be saved.
func (*unknownOutcome) OutcomeUnknown() bool { return true }

// settleWait bounds how long settle keeps asking Redis.
const settleWait = 3 * time.Second

// settle decides what a commit error means when the reply may have been
// lost (a network error after EXEC was sent): it reads key, the document
// the transaction wrote, until Redis answers. Equal to doc: the commit
// applied and settle returns nil. Different or absent: it did not, and err
// stands (nothing changed). No answer within settleWait: ErrUnknownOutcome.
// Any other error is returned as it is.
//
// The document holds the new version number and the whole new state, so
// another writer cannot have stored the same bytes unless it made the very
// same change. The remaining window: an EXEC still in flight on the dead
// connection when the check runs, which Redis then discards, because a
// client that disconnects mid-MULTI never commits, or applies before the
// check is answered on a loopback or LAN path.
func (s *Store) settle(ctx context.Context, key string, doc []byte, err error) error {
	if err == nil || !isUnavailable(err) || errors.Is(err, redis.TxFailedErr) {
		return err
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleWait)
	defer cancel()
	pause := 20 * time.Millisecond
	for {
		got, gerr := s.rdb.Get(ctx, key).Bytes()
		switch {
		case gerr == nil && bytes.Equal(got, doc):
			return nil
		case gerr == nil, errors.Is(gerr, redis.Nil):
			return err
		}
		if wait.Sleep(ctx, pause) != nil {
			return fmt.Errorf("%w (%v)", ErrUnknownOutcome, err)
		}
		pause = min(pause*2, 500*time.Millisecond)
	}
}
