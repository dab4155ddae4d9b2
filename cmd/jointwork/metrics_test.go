package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"

	"github.com/jointwork/jointwork/bot/teams"
)

const metricsSecret = "metrics-test-signing-secret"

// fakeSlackAPI answers users.info with a directory e-mail and every other
// Web API call or response_url post with ok.
func fakeSlackAPI(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "users.info") {
			_, _ = io.WriteString(w, `{"ok":true,"user":{"id":"U1","profile":{"email":"alex@council.example"}}}`)
			return
		}
		_, _ = io.WriteString(w, `{"ok":true,"channel":{"id":"D1"},"ts":"1.000100"}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestServeMetrics runs serve with a fake Slack on loopback, sends one
// signed slash command and scrapes /metrics from the separate listener:
// the request, ack, command and platform call are counted and promlint
// (the checker behind `promtool check metrics`) finds nothing.
func TestServeMetrics(t *testing.T) {
	fake := fakeSlackAPI(t)
	addr, maddr := freeAddr(t), freeAddr(t)
	for k, v := range map[string]string{"JOINTWORK_HTTP_ADDR": addr, "JOINTWORK_METRICS_ADDR": maddr,
		"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": metricsSecret, "JOINTWORK_SLACK_API_URL": fake.URL + "/api/"} {
		t.Setenv(k, v)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--embedded-store"}, strings.NewReader(""), io.Discard, io.Discard)
	}()
	t.Cleanup(func() { cancel(); <-done })
	body := url.Values{"user_id": {"U1"}, "channel_id": {"D1"}, "command": {"/jointwork"}, "text": {"help"},
		"response_url": {fake.URL + "/respond"}, "trigger_id": {"T1"}}.Encode()
	waitFor(t, func() bool { return postSigned("http://"+addr+"/slack/commands", body) == http.StatusOK })
	var text string
	waitFor(t, func() bool {
		text = scrape(t, "http://"+maddr+"/metrics")
		return strings.Contains(text, `jointwork_command_duration_seconds_count{command="help",outcome="ok"} 1`) &&
			strings.Contains(text, `jointwork_platform_api_calls_total{platform="slack",result="2xx"}`)
	})
	for _, want := range []string{`jointwork_requests_total{outcome="ok",platform="slack"} 1`,
		`jointwork_ack_duration_seconds_count{platform="slack"} 1`, "jointwork_build_info{", "go_goroutines"} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	problems, err := promlint.New(strings.NewReader(text)).Lint()
	if err != nil || len(problems) > 0 {
		t.Errorf("promlint: %v %v", err, problems)
	}
	if resp, err := http.Get("http://" + addr + "/metrics"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Error("/metrics is also served on the public listener although JOINTWORK_METRICS_ADDR is set")
		}
	}
}

func TestWriteTimeoutAboveTeamsInvoke(t *testing.T) {
	if WriteTimeout <= teams.InvokeTimeout {
		t.Errorf("serve's write timeout %v would cut off a Teams invoke answer (up to %v)", WriteTimeout, teams.InvokeTimeout)
	}
}

func postSigned(u, body string) int {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(metricsSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func scrape(t *testing.T, u string) string {
	resp, err := http.Get(u)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// waitFor polls cond for up to 20 s (generous: the machine is shared).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 20 s")
}
