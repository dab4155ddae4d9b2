package main

import (
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/redistest"
)

// TestConsoleContinuesOnRedis runs the console twice on one Redis: the
// second run's commands are not dropped as duplicates, its channel numbers
// do not overwrite the first run's, and the first run's channels are there.
func TestConsoleContinuesOnRedis(t *testing.T) {
	t.Setenv("JOINTWORK_REDIS_URL", redistest.Start(t).URL())
	first := "/jointwork case open c501 subject=person First\n/jointwork case open c502 subject=person Second\n/quit\n"
	code, out, errOut := runCmd(t, first, "console", "--now", "2026-11-23T09:00")
	if code != 0 || !strings.Contains(out, "[#jw-c502]") {
		t.Fatalf("first run: exit %d\n%s\n%s", code, out, errOut)
	}
	second := "/in #jw-c501\n/jointwork task add @alex +2d Visit the person at home\n/jointwork case open c503 subject=person Third\n/quit\n"
	code, out, errOut = runCmd(t, second, "console", "--now", "2026-11-23T10:00")
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, errOut)
	}
	for _, bad := range []string{"No channel", "no channel", "[#jw-c502] Task"} {
		if strings.Contains(out, bad) {
			t.Fatalf("second run shows %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{"[#jw-c501]", "T1", "[#jw-c503] -- private channel created"} {
		if !strings.Contains(out, want) {
			t.Fatalf("second run lacks %q (its commands must run):\n%s", want, out)
		}
	}
}
