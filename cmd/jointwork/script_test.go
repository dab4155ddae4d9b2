package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/redistest"
	"github.com/jointwork/jointwork/internal/scripttest"
)

// consoleStart is the console's clock for the example scripts:
// Monday 23 November 2026, 09:00.
const consoleStart = "2026-11-23T09:00"

// runScript runs a console script as `jointwork console --now 2026-11-23T09:00`
// and returns its transcript; stderr must stay free of warnings and errors.
func runScript(t *testing.T, path string) string {
	t.Helper()
	return runScriptAt(t, path, consoleStart)
}

// runScriptAt runs a console script as `jointwork console --now NOW` and
// returns its transcript; stderr must stay free of warnings and errors.
func runScriptAt(t *testing.T, path, now string) string {
	t.Helper()
	script, err := os.Open(path)
	if err != nil {
		t.Fatalf("open script: %v", err)
	}
	defer script.Close()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"console", "--now", now}, script, &out, &errb); code != 0 {
		t.Fatalf("exit code %d\nstderr:\n%s\nstdout:\n%s", code, errb.String(), out.String())
	}
	if s := errb.String(); strings.Contains(s, "level=WARN") || strings.Contains(s, "level=ERROR") {
		t.Errorf("stderr has warnings or errors:\n%s", s)
	}
	return out.String()
}

// runOnBothStores runs a console script at now on the embedded store and
// on a real redis-server and returns both transcripts. It fails unless
// the Redis run used that server and the two transcripts are the same
// past the banner.
func runOnBothStores(t *testing.T, path, now string) (embedded, real string) {
	t.Helper()
	t.Setenv("JOINTWORK_REDIS_URL", "")
	embedded = runScriptAt(t, path, now)
	srv := redistest.Start(t)
	t.Setenv("JOINTWORK_REDIS_URL", srv.URL())
	real = runScriptAt(t, path, now)
	if !strings.Contains(firstLine(real), "Store: Redis at "+srv.URL()) {
		t.Errorf("the Redis run did not use Redis:\n%s", firstLine(real))
	}
	if a, b := afterBanner(embedded), afterBanner(real); a != b {
		t.Errorf("transcripts differ between the embedded store and Redis\n--- embedded ---\n%s\n--- redis ---\n%s", a, b)
	}
	return embedded, real
}

// c101Outcomes are the lines issue 4's "Done when" asks the script to show,
// in the order they must appear.
var c101Outcomes = []string{
	"[DM @alex] Case c101 is open in the private channel #jw-c101. You are the case lead.",
	"[only @alex] Nobody can join case c101 until a consent decision is recorded as permitted: joint work within one agency needs consent too",
	"[only @alex] @chris is from nhs-community-trust, another agency than the case lead's (county-council). Nobody from another agency can join case c101 until a consent decision is recorded as permitted",
	"[#jw-c101] Consent decision for case c101: permitted",
	"[#jw-c101]   Facts: subject=person direct=yes capacity=yes consent=yes",
	"[#jw-c101] -- @bea joined",
	"[#jw-c101] -- @chris joined",
	"[#jw-c101] @alex invited @chris (nhs-community-trust, district nurse) to case c101.",
	"[#jw-c101] @alex set the level of joint working on case c101 to coordination",
	"[#jw-c101] Task T1 for @chris, due Wed 25 Nov 2026: Wound care plan agreed with the person",
	"[DM @chris] @alex gave you task T1 on case c101",
	"[#jw-c101] Formal request R1 from @alex to @chris (nhs-community-trust), due Thu 26 Nov 2026",
	"[DM @chris]   [Decline: our own duties] /jointwork request decline c101 R1 duties REASONS…",
	"[only @chris] A decline needs written reasons and its ground, so it was not recorded.",
	"[only @chris] A decline needs written reasons the requester can act on (a sentence, at least 5 words), so it was not recorded. Rule law.formal-request.decline:",
	"[DM @alex] Request R1 (case c101) was declined by @chris. Reasons: The team has no nurse free on that day",
	"[#jw-c101 thread:",
	"Task T1 done (marked by @chris).",
	"[#jw-c101] Delay decision on case c101: @alex will await the other practitioner until Mon 30 Nov 2026.",
	"[#jw-c101]   Urgent needs: met by daily carer visits and the reablement team",
	"[#jw-c101] -- @bea was removed",
	"[#jw-c101] -- @chris was removed",
	"[DM @chris] You are no longer on case c101, and nothing more from it will reach you.",
	"Removed from the case: @bea (county-council), @chris (nhs-community-trust) (consent.required).",
	"[only @alex]   file case-c101-record.md",
	"| @chris | request declined | R1 | from @alex; reasons: The team has no nurse free on that day",
	"| @alex | consent withdrawn |",
	"[#jw-c101] Case c101 was closed by @alex: support plan agreed.",
	"[#jw-c101] -- channel archived",
}

func checkC101(t *testing.T, out string) {
	t.Helper()
	scripttest.InOrder(t, out, c101Outcomes)
	// Refused steps wrote nothing: one decline, one chris admission.
	scripttest.Once(t, out, "| request declined |", "[#jw-c101] -- @chris joined")
}

// The example script walks case c101 from open to close, on the embedded
// store and on a real redis-server, with the same transcript.
func TestScriptCaseC101(t *testing.T) {
	embedded, real := runOnBothStores(t, filepath.Join("..", "..", "examples", "case-c101.txt"), consoleStart)
	checkC101(t, embedded)
	checkC101(t, real)
}

func afterBanner(s string) string {
	_, rest, _ := strings.Cut(s, "\n")
	return rest
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
