package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCmd runs the binary's entry point with args and stdin.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestConsoleHelpListsEveryCommand(t *testing.T) {
	code, out, errOut := runCmd(t, "/jointwork help\n/quit\n", "console")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "embedded in-process Redis") {
		t.Errorf("start-up does not say the store is embedded:\n%s", out)
	}
	for _, want := range []string{"[only @alex] jointwork commands", "/jointwork ask QUESTION", "/jointwork help [COMMAND]", "e.g. /jointwork"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestConsoleRefusesBadLines(t *testing.T) {
	code, out, _ := runCmd(t, "/jointwork frobnicate\n/as nobody\n/in #nowhere\n/clock sideways\n/bogus\n/quit\n", "console")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"I don't know the command `frobnicate`", "No one called \"nobody\"", "No channel #nowhere", "Unknown console command /bogus"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestCLIHelpAndErrors(t *testing.T) {
	code, out, _ := runCmd(t, "", "help")
	if code != 0 || !strings.Contains(out, "/jointwork ask QUESTION") || !strings.Contains(out, "console") {
		t.Fatalf("help: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCmd(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command: exit %d %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "console", "--now", "yesterday"); code != 2 || !strings.Contains(errOut, "--now") {
		t.Fatalf("bad --now: exit %d %q", code, errOut)
	}
}

func TestServeRefusesEmbeddedStoreWithoutFlag(t *testing.T) {
	t.Setenv("JOINTWORK_REDIS_URL", "")
	code, _, errOut := runCmd(t, "", "serve")
	if code != 2 || !strings.Contains(errOut, "--embedded-store") {
		t.Fatalf("exit %d %q", code, errOut)
	}
}

func TestConfigMasksAndValidates(t *testing.T) {
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-synthetic-secret")
	t.Setenv("SLACK_SIGNING_SECRET", "synthetic-signing")
	code, out, _ := runCmd(t, "", "config")
	if code != 0 || strings.Contains(out, "synthetic-secret") || !strings.Contains(out, "JOINTWORK_SLACK_BOT_TOKEN=******** (set)") {
		t.Fatalf("config: exit %d\n%s", code, out)
	}
	t.Setenv("JOINTWORK_LOG_LEVEL", "chatty")
	code, _, errOut := runCmd(t, "", "config")
	if code != 2 || !strings.Contains(errOut, "JOINTWORK_LOG_LEVEL") {
		t.Fatalf("bad config: exit %d %q", code, errOut)
	}
}
