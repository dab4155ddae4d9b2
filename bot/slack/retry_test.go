package slack

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot"
)

func TestRetry(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		fails    []fakeFail
		wantErr  string // APIError code, "" = success
		wantHits int
		minWait  time.Duration
	}{
		{"429 honours Retry-After", []fakeFail{{status: 429, retryAfter: "1"}}, "", 2, time.Second},
		{"503 then 502 then ok", []fakeFail{{status: 503}, {status: 502}}, "", 3, 0},
		{"transient Slack error", []fakeFail{{code: "service_unavailable"}}, "", 2, 0},
		{"permanent error is not retried", []fakeFail{{code: "restricted_action"}}, "restricted_action", 1, 0},
		{"Retry-After too long is returned", []fakeFail{{status: 429, retryAfter: "3600"}}, "rate_limited", 1, 0},
		{"gives up after five tries", []fakeFail{{status: 500}, {status: 500}, {status: 500}, {status: 500}, {status: 500}}, "http_500", 5, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.fake.failNext("conversations.archive", tc.fails...)
			h.fake.addChannel("C-"+tc.name, "x", botUser)
			before := h.fake.hitCount("conversations.archive")
			start := time.Now()
			err := h.a.Archive(ctx, "C-"+tc.name)
			took := time.Since(start)
			if hits := h.fake.hitCount("conversations.archive") - before; hits != tc.wantHits {
				t.Fatalf("%d calls, want %d", hits, tc.wantHits)
			}
			if took < tc.minWait {
				t.Fatalf("retried after %v, want at least %v", took, tc.minWait)
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("err %v", err)
				}
				return
			}
			var ae *APIError
			if !errors.As(err, &ae) || ae.Code != tc.wantErr {
				t.Fatalf("err %v, want APIError %s", err, tc.wantErr)
			}
			if _, ok := bot.AsUserError(err); !ok {
				t.Fatalf("%s has no message for the user", tc.wantErr)
			}
		})
	}
}

func TestRetryStopsWithContext(t *testing.T) {
	h := newHarness(t)
	h.fake.failNext("conversations.archive", fakeFail{status: 429, retryAfter: "30"})
	h.fake.addChannel("C1", "x", botUser)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := h.a.Archive(ctx, "C1")
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err %v after %v: want a quick failure", err, time.Since(start))
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want the deadline in it", err)
	}
}

func TestRetryPolicyWait(t *testing.T) {
	p := RetryPolicy{}.withDefaults()
	if _, again := p.wait(errors.New("plain"), 1); again {
		t.Fatal("a plain error was retried")
	}
	if _, again := p.wait(context.Canceled, 1); again {
		t.Fatal("a cancelled call was retried")
	}
	if _, again := p.wait(&netErr{}, 5); again {
		t.Fatal("retried past Attempts")
	}
	d, again := p.wait(&netErr{}, 3)
	if !again || d < p.Base*4 || d > p.Base*6 {
		t.Fatalf("third backoff %v (again %v), want 4-6 × base", d, again)
	}
}

type netErr struct{}

func (netErr) Error() string   { return "connection reset" }
func (netErr) Timeout() bool   { return false }
func (netErr) Temporary() bool { return true }
