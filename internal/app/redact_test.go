package app

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/config"
)

// awkwardURLs hold passwords that break url.Parse or hide in its errors.
var awkwardURLs = []struct{ url, password string }{
	{"redis://:pa#ss1word@127.0.0.1:1/0", "pa#ss1word"},
	{"redis://user:pa/ss2word@127.0.0.1:1/0", "pa/ss2word"},
	{"redis://:pa%zzss3word@127.0.0.1:1/0", "pa%zzss3word"},
	{"redis://:p@ss4word@127.0.0.1:1/0", "p@ss4word"},
	{"redis://:plain5word@127.0.0.1:1/0", "plain5word"},
}

// TestStartupErrorHidesPassword: whatever the password holds, the error
// app.New returns for an unreachable or malformed Redis URL never shows it.
func TestStartupErrorHidesPassword(t *testing.T) {
	for _, tc := range awkwardURLs {
		cfg := testConfig()
		cfg.RedisURL = tc.url
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := New(ctx, cfg, Options{Log: slog.New(slog.DiscardHandler)})
		cancel()
		if err == nil {
			t.Fatalf("%s: no error", tc.password)
		}
		if msg := err.Error(); strings.Contains(msg, tc.password) || strings.Contains(msg, tc.password[len(tc.password)-5:]) {
			t.Errorf("start-up error shows the password: %v", err)
		}
	}
}

// TestRedisLogsAreJSON: go-redis's own log lines go through the app's slog
// logger (JSON here) with the URL's credentials hidden.
func TestRedisLogsAreJSON(t *testing.T) {
	var buf bytes.Buffer
	l := slogRedis{log: slog.New(slog.NewJSONHandler(&buf, nil)), url: awkwardURLs[0].url}
	l.Printf(context.Background(), "redis: dial %s failed", awkwardURLs[0].url)
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("not one JSON line: %q", buf.String())
	}
	if line["level"] != "WARN" || !strings.Contains(line["detail"].(string), "dial") {
		t.Errorf("line %v", line)
	}
	if strings.Contains(buf.String(), awkwardURLs[0].password) {
		t.Errorf("log line shows the password: %s", buf.String())
	}
}

func testConfig() *config.Config {
	return &config.Config{Timezone: "Europe/London", DialogTTL: time.Hour, DedupeTTL: time.Hour,
		Escalation: config.Escalation{EscalateAfter: "4h", RequestManager: "4h", TaskManager: "1wd",
			AllocationPending: "5wd", Snooze: "1wd", SchedulerInterval: time.Second}}
}
