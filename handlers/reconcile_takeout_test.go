package handlers_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
)

// stuckRemove is a platform that cannot take one person out of a channel
// (a Teams tenant without the Graph permission, say).
type stuckRemove struct {
	bot.Platform
	who string
}

func (s stuckRemove) Remove(ctx context.Context, ch, handle string) error {
	if handle == s.who {
		return errors.New("not allowed")
	}
	return s.Platform.Remove(ctx, ch, handle)
}

// A person taken off the case by a change of basis (here `remove`) is on the
// timeline once: the channel check that follows finds nobody to take out.
// When the platform would not let the bot take them out of the channel, the
// check reports them once, as someone in the channel without a place.
func TestTakeOutThenChannelCheckRecordsOnce(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stuck  bool
		wantTL map[string]int
	}{
		{"taken out", false, map[string]int{"member removed": 1, "taken out of the channel": 0, "in the channel without a place": 0}},
		{"platform refuses", true, map[string]int{"member removed": 1, "taken out of the channel": 0, "in the channel without a place": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.permit("c101")
			e.in("c101", "alex", "/jointwork invite @chris wound care")
			if tc.stuck {
				e.plat = stuckRemove{Platform: e.rec, who: "chris"}
			}
			out := e.in("c101", "alex", "/jointwork remove @chris nursing input finished")
			if tc.stuck != strings.Contains(out, "I could not take @chris out") {
				t.Errorf("remove:\n%s", out)
			}
			for range 2 {
				e.out.Reset()
				if tc.stuck {
					if err := e.app.Handlers.ReconcileChannel(e.ctx, e.plat, e.caseOf("c101")); err != nil {
						t.Fatal(err)
					}
				} else {
					e.app.ReconcileNow(e.ctx)
				}
				if got := e.out.String(); strings.Contains(got, "[DM @chris]") {
					t.Errorf("the channel check wrote to chris again:\n%s", got)
				}
			}
			tl := e.timeline("c101")
			for action, n := range tc.wantTL {
				if got := strings.Count(tl, "Action:"+action+" "); got != n {
					t.Errorf("%q on the timeline %d times, want %d:\n%s", action, got, n, tl)
				}
			}
		})
	}
}
