package handlers_test

import (
	"fmt"
	"strings"
	"testing"
)

// joins puts people in a case channel from outside the bot and delivers the
// platform's join event.
func (e *env) joins(ref string, handles ...string) string {
	e.tb.Helper()
	e.out.Reset()
	ch := e.caseOf(ref).Channel
	for _, h := range handles {
		if err := e.ws.Join(ch, h); err != nil {
			e.tb.Fatal(err)
		}
	}
	e.app.Bot.Joined(e.ctx, e.plat, ch, handles...)
	return e.out.String()
}

func (e *env) timeline(ref string) string {
	e.tb.Helper()
	tl, err := e.app.Store.Timeline(e.ctx, ref)
	if err != nil {
		e.tb.Fatal(err)
	}
	return fmt.Sprintf("%+v", tl)
}

// Someone added to a case channel outside the bot is taken out unless the
// case admits them as a member; it is on the timeline and the lead is told.
func TestChannelJoinReconciled(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	for _, tc := range []struct {
		name, who string
		want      []string
		notWant   []string
	}{
		{"other agency, not a member", "eve", []string{"[#jw-c101] -- @eve was removed", "[DM @alex] @eve (school) joined #jw-c101 without a place on case c101, so I took them out.",
			"[DM @eve] You were added to a jointwork case channel from outside jointwork"}, nil},
		{"same agency, not a member", "morgan", []string{"[#jw-c101] -- @morgan was removed"}, nil},
		{"a member", "bea", nil, []string{"removed", "[DM @alex]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.in("c101", "alex", "/jointwork task list") // bea may have left: no-op for others
			out := e.joins("c101", tc.who)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("want %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("unwanted %q:\n%s", w, out)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "[DM @"+tc.who+"]") && strings.Contains(line, "c101") {
					t.Errorf("the person taken out was told about the case: %s", line)
				}
			}
		})
	}
	tl := e.timeline("c101")
	if strings.Count(tl, "taken out of the channel") != 2 || !strings.Contains(tl, "@eve (school): not a member the case's basis admits") {
		t.Errorf("timeline:\n%s", tl)
	}
}

// Someone the bot cannot take out (not in the directory) is reported to the
// lead once and shown on the card until they are gone; the periodic check
// also finds people added without a join event.
func TestChannelStrangerOnCardAndPeriodicCheck(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	out := e.joins("c101", "zed")
	for _, w := range []string{"[DM @alex] someone not in the directory is in #jw-c101 without a place on case c101, and I could not take them out",
		"⚠ In the channel without a place on the case: someone not in the directory"} {
		if !strings.Contains(out, w) {
			t.Errorf("want %q:\n%s", w, out)
		}
	}
	if out := e.joins("c101", "zed"); strings.Contains(out, "[DM @alex]") {
		t.Errorf("the lead was told twice:\n%s", out)
	}
	ch := e.caseOf("c101").Channel
	if err := e.ws.Join(ch, "finn"); err != nil {
		t.Fatal(err)
	}
	if err := e.ws.Remove(e.ctx, ch, "zed"); err != nil {
		t.Fatal(err)
	}
	e.out.Reset()
	e.app.ReconcileNow(e.ctx)
	out = e.out.String()
	if !strings.Contains(out, "[#jw-c101] -- @finn was removed") {
		t.Errorf("the periodic check did not take finn out:\n%s", out)
	}
	if c := e.caseOf("c101"); len(c.Strangers) != 0 {
		t.Errorf("strangers still on the card after they left: %v", c.Strangers)
	}
	if strings.Contains(lastCard(out), "⚠") {
		t.Errorf("card still flags a stranger:\n%s", out)
	}
}

func lastCard(out string) string {
	i := strings.LastIndex(out, "card updated")
	if i < 0 {
		return ""
	}
	return out[i:]
}
