package bot_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// TestStateErrorsSayWhatTheyAre: the kernel recognises bot/state's errors
// by behaviour (it imports no store), wrapped or not.
func TestStateErrorsSayWhatTheyAre(t *testing.T) {
	for _, tc := range []struct {
		err                      error
		done, unknown, unavailbl bool
	}{
		{state.ErrDone, true, false, false},
		{fmt.Errorf("update c101: %w", state.ErrDone), true, false, false},
		{fmt.Errorf("update c101: %w", state.ErrUnknownOutcome), false, true, false},
		{fmt.Errorf("save: %w", state.ErrUnavailable), false, false, true},
		{state.ErrNotFound, false, false, false},
		{errors.New("other"), false, false, false},
	} {
		if got := bot.IsDone(tc.err); got != tc.done {
			t.Errorf("IsDone(%v) = %v", tc.err, got)
		}
		if got := bot.IsUnknownOutcome(tc.err); got != tc.unknown {
			t.Errorf("IsUnknownOutcome(%v) = %v", tc.err, got)
		}
		if got := bot.IsUnavailable(tc.err); got != tc.unavailbl {
			t.Errorf("IsUnavailable(%v) = %v", tc.err, got)
		}
	}
}
