package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/scripttest"
)

// The issue 11 lifecycle scripts: what each must show, in order, and what
// must never appear in its transcript.
var lifecycleScripts = []struct {
	file    string
	want    []string
	notWant []string
}{
	{file: "per-case-ids.txt", want: []string{
		"[#jw-c201] Task T1 for @bea",
		"[DM @bea]   [Done] /jointwork task done c201 T1",
		"[#jw-c202] Task T1 for @bea",
		"[only @bea] More than one of your cases has a task T1 (c201, c202): say which, for example `/jointwork task done c201 T1`.",
		"[only @bea] Task T1 on case c202 is marked done.",
		"[only @bea] Task T1 on case c201 is marked done.",
		"[only @eve] I can't find task T1 among your cases.",
		"[only @eve] The reference c201 can't be used.",
	}, notWant: []string{"[only @eve] Only members", "lead @alex)", "[only @eve] Task T1 belongs"}},
	{file: "privacy-guard.txt", want: []string{
		"[only @alex] A case reference or title must be pseudonymous, and this one seems to hold an NHS number.",
		"[only @alex] A case reference or title must be pseudonymous, and this one seems to hold a name and a year",
		"[only @alex] A case reference or title must be pseudonymous, and this one seems to hold a person's name",
		"[DM @alex] Case c301 is open",
		"[only @alex] The need-to-know reason seems to hold an NHS number. Nothing was saved or shown.",
		"[only @alex] The task text seems to hold a date of birth.",
		"[only @alex] The task text seems to hold a postcode.",
		"[only @alex] The delay decision seems to hold a person's name",
		"[only @alex] The escalation text seems to hold an NHS number.",
		"[only @alex] The closing reason seems to hold an NHS number.",
		"[only @alex] The record of case c301: 3 entries.",
	}, notWant: []string{"943", "5919", "1990", "SW1A", "Patel", "Jones", "smith", "#jw-943", "case closed"}},
	{file: "stranger-in-channel.txt", want: []string{
		"[#jw-c401] -- @eve joined",
		"[#jw-c401] -- @eve was removed",
		"[DM @eve] You were added to a jointwork case channel from outside jointwork",
		"[DM @alex] @eve (school) joined #jw-c401 without a place on case c401, so I took them out.",
		"[#jw-c401] -- @morgan was removed",
		"| taken out of the channel |  | @eve (school): not a member the case's basis admits | disclosure.channel |",
		"| taken out of the channel |  | @morgan (county-council): not a member the case's basis admits | disclosure.channel |",
	}, notWant: []string{"@bea was removed", "[DM @eve] You were added to a jointwork case channel from outside jointwork, and you are not a member of that case c401"}},
}

// TestIssue11Scripts: each of these scripts (per-case ids, the privacy guard, a
// stranger in the channel) runs on the embedded store and on a real
// redis-server with the same transcript.
func TestIssue11Scripts(t *testing.T) {
	for _, sc := range lifecycleScripts {
		t.Run(sc.file, func(t *testing.T) {
			path := filepath.Join("..", "..", "examples", sc.file)
			embedded, real := runOnBothStores(t, path, consoleStart)
			for name, out := range map[string]string{"embedded": embedded, "redis": real} {
				scripttest.InOrder(t, out, sc.want)
				for _, bad := range sc.notWant {
					if strings.Contains(afterBanner(out), bad) {
						t.Errorf("%s transcript has %q:\n%s", name, bad, out)
					}
				}
			}
			if testing.Verbose() {
				t.Log("\n" + embedded)
			}
		})
	}
}
