package app

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// memory is the kernel's store. The development-only JOINTWORK_FAULT_EXIT
// ("before-end:N" or "after-end:N") makes the process exit at once (code
// 3, no cleanup, as a SIGKILL would) when the N-th event handled here
// ends: before its end is recorded (its replies not yet kept) or just
// after (kept, not yet sent). Fault tests use it to kill a replica in the
// middle of processing, deterministically.
func (a *App) memory() bot.Memory {
	point, n, ok := strings.Cut(os.Getenv("JOINTWORK_FAULT_EXIT"), ":")
	at, err := strconv.ParseInt(n, 10, 64)
	if !ok || err != nil || at < 1 || (point != "before-end" && point != "after-end") {
		return a.Store
	}
	a.Log.Warn("fault injection on: the process exits mid-event", "point", point, "event", at)
	return &faultMemory{Store: a.Store, after: point == "after-end", at: at}
}

// faultMemory is the store with an exit at one event's end.
type faultMemory struct {
	*state.Store
	after bool
	at    int64
	n     atomic.Int64
}

// EndEvent exits the process at the chosen event, before or after ending it.
func (f *faultMemory) EndEvent(ctx context.Context, ok bool, replies []byte) error {
	last := f.n.Add(1) == f.at
	if last && !f.after {
		os.Exit(3)
	}
	err := f.Store.EndEvent(ctx, ok, replies)
	if last {
		os.Exit(3)
	}
	return err
}
