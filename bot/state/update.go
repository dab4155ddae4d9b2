package state

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/internal/wait"
)

// maxUpdateAttempts bounds the optimistic retries of Update.
const maxUpdateAttempts = 32

// fnError carries the caller's own error out of the WATCH callback unchanged.
type fnError struct{ err error }

func (e fnError) Error() string { return e.err.Error() }

// Update runs fn against the current case under WATCH (optimistic locking,
// retried with jitter when another writer got in first). Everything fn
// staged — the case (saved with Version+1), tasks, requests, timeline
// entries, schedule changes and the indexes they imply — is written in ONE
// MULTI/EXEC, with the done marker of the event in ctx (see WithEvent;
// ErrDone when another run of the event got there first). If fn returns an error nothing is written and Update returns
// that error unchanged. fn may run more than once, so it must not have
// side effects outside tx.
func (s *Store) Update(ctx context.Context, ref string, fn func(tx *Tx) error) error {
	if err := checkRef(ref); err != nil {
		return err
	}
	keys := s.watchKeys(ctx, s.caseKey(ref, "case"), s.caseKey(ref, "tasks"), s.caseKey(ref, "requests"))
	for attempt := 0; attempt < maxUpdateAttempts; attempt++ {
		err := s.rdb.Watch(ctx, func(rtx *redis.Tx) error {
			return s.runTx(ctx, rtx, ref, fn)
		}, keys...)
		var fe fnError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &fe):
			return fe.err
		case errors.Is(err, ErrNotFound):
			return fmt.Errorf("state: update %s: %w", ref, ErrNotFound)
		case errors.Is(err, ErrDone):
			return fmt.Errorf("state: update %s: %w", ref, ErrDone)
		case errors.Is(err, ErrUnknownOutcome):
			return fmt.Errorf("state: update %s: %w", ref, err)
		case !errors.Is(err, redis.TxFailedErr):
			return wrap("update "+ref, err)
		}
		if err := pause(ctx, attempt); err != nil {
			return wrap("update "+ref, err)
		}
	}
	return fmt.Errorf("state: update %s: %w", ref, ErrConflict)
}

// pause waits a short, growing, random time before the next attempt.
func pause(ctx context.Context, attempt int) error {
	limit := time.Duration(attempt+1) * 500 * time.Microsecond
	return wait.Sleep(ctx, time.Duration(rand.Int64N(int64(limit))))
}

// runTx loads the case, runs fn and commits what it staged.
func (s *Store) runTx(ctx context.Context, rtx *redis.Tx, ref string, fn func(*Tx) error) error {
	c, err := getCase(ctx, rtx, s.caseKey(ref, "case"))
	if err != nil {
		return err
	}
	mark, err := s.eventGuard(ctx, rtx)
	if err != nil {
		return err
	}
	tx := newTx(ctx, s, rtx, c)
	tx.ops = append(tx.ops, mark)
	if err := fn(tx); err != nil {
		return fnError{err}
	}
	return tx.commit()
}
