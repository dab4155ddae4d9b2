package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

// `jointwork rules stats` prints the counts the bot keeps in Redis.
func TestRulesStatsReadsRedis(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := state.New(srv.Client(), state.Options{})
	for _, v := range []struct{ rule, band, vote string }{
		{"consent.required", "answer", "up"}, {"consent.required", "answer", "up"}, {"consent.required", "answer", "down"}, {"delay.decision", "unsure", "down"},
	} {
		if err := s.CountVote(ctx, v.rule, v.band, v.vote); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("JOINTWORK_REDIS_URL", srv.URL())
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"rules", "stats"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"consent.required  answer  2  1  67 %", "delay.decision    unsure  0  1  0 %", "total"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stats lack %q:\n%s", w, out.String())
		}
	}
	out.Reset()
	if code := run(ctx, []string{"rules", "stats", "--json"}, nil, &out, &errb); code != 0 {
		t.Fatalf("json exit %d: %s", code, errb.String())
	}
	var js struct{ Up, Down int64 }
	if err := json.Unmarshal(out.Bytes(), &js); err != nil || js.Up != 2 || js.Down != 2 {
		t.Errorf("json = %s (%v)", out.String(), err)
	}
	t.Setenv("JOINTWORK_REDIS_URL", "")
	errb.Reset()
	if code := run(ctx, []string{"rules", "stats"}, nil, &out, &errb); code == 0 || !strings.Contains(errb.String(), "no feedback store") {
		t.Errorf("without a store: exit %d, %s", code, errb.String())
	}
}
