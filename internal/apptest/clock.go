package apptest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jointwork/jointwork/internal/app"
)

// AdvanceDays replays a script's "/clock +Nd" line on a: the bot clock
// moves on a day at a time and the timed work that fell due each day runs
// (pings go out through whatever platform a registered). Only "+Nd" is
// understood; anything else is an error and the clock does not move.
func AdvanceDays(ctx context.Context, a *app.App, arg string) error {
	days, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(arg, "+"), "d"))
	if err != nil {
		return fmt.Errorf("/clock %s: only +Nd is understood here", arg)
	}
	for range days {
		a.Clock.Advance(24 * time.Hour)
		a.RunDue(ctx)
	}
	return nil
}
