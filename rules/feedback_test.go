package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestParseVote(t *testing.T) {
	for in, want := range map[string]Vote{"👍": VoteUp, " +1 ": VoteUp, "UP": VoteUp, "👎": VoteDown, "-1": VoteDown, "down": VoteDown} {
		if got, err := ParseVote(in); err != nil || got != want {
			t.Errorf("ParseVote(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "maybe", "👌"} {
		if _, err := ParseVote(in); err == nil {
			t.Errorf("ParseVote(%q): no error", in)
		}
	}
}

func TestFeedbackTally(t *testing.T) {
	var tally FeedbackTally
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := VoteUp
			if i%4 == 0 {
				v = VoteDown
			}
			if err := tally.Record("consent.required", BandAnswer, v); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for _, bad := range []struct{ rule, band string }{{"", BandAnswer}, {"consent.required", "sure"}, {"two words", BandUnsure}} {
		if err := tally.Record(bad.rule, bad.band, VoteUp); err == nil {
			t.Errorf("Record(%q, %q): no error", bad.rule, bad.band)
		}
	}
	if err := tally.Record("consent.carer", BandUnknown, Vote("sideways")); err == nil {
		t.Error("Record with a bad vote: no error")
	}
	_ = tally.Record("consent.carer", BandUnsure, VoteDown)
	got, err := tally.FeedbackCounts(context.Background())
	want := []FeedbackCount{{"consent.carer", BandUnsure, 0, 1}, {"consent.required", BandAnswer, 15, 5}}
	if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("counts = %v, %v; want %v", got, err, want)
	}
}

type failingSource struct{}

func (failingSource) FeedbackCounts(context.Context) ([]FeedbackCount, error) {
	return nil, errors.New("store down")
}

func TestRunStats(t *testing.T) {
	var tally FeedbackTally
	_ = tally.Record("tac.matrix", BandUnknown, VoteDown)
	_ = tally.Record("tac.matrix", BandAnswer, VoteUp)
	_ = tally.Record("consent.required", BandAnswer, VoteUp)
	run := func(src FeedbackSource, args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := RunStats(context.Background(), src, args, &out, &errOut)
		return code, out.String(), errOut.String()
	}
	code, out, _ := run(&tally)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 5 || !strings.HasPrefix(lines[1], "consent.required") ||
		!strings.Contains(lines[3], "unknown") || !strings.Contains(lines[4], "67 %") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	code, out, _ = run(&tally, "--json")
	var got statsJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitOK || got.Up != 2 || got.Down != 1 || len(got.Counts) != 3 {
		t.Errorf("json: exit %d, %v\n%s", code, err, out)
	}
	if code, out, _ := run(&FeedbackTally{}); code != exitOK || !strings.Contains(out, "No feedback yet") {
		t.Errorf("empty: exit %d %q", code, out)
	}
	for _, tc := range []struct {
		src  FeedbackSource
		args []string
		code int
		msg  string
	}{
		{nil, nil, exitFail, "no feedback store"},
		{failingSource{}, nil, exitFail, "store down"},
		{&tally, []string{"--bogus"}, exitUsage, "usage"},
		{&tally, []string{"extra"}, exitUsage, "usage"},
	} {
		if code, _, errOut := run(tc.src, tc.args...); code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("RunStats(%v): exit %d %q; want %d with %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
	if code, _, errOut := runCLI(t, "rules", "stats"); code != exitFail || !strings.Contains(errOut, "no feedback store") {
		t.Errorf("rules stats via RunCLI: exit %d %q", code, errOut)
	}
}
