package main

import (
	"strings"
	"testing"
)

// The console refuses --as with a name not in the directory, as /as does.
func TestConsoleRefusesUnknownAs(t *testing.T) {
	t.Setenv("JOINTWORK_REDIS_URL", "")
	code, _, errOut := runCmd(t, "", "console", "--as", "zed")
	if code != 2 || !strings.Contains(errOut, `--as: no one called "zed" in the directory`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}
