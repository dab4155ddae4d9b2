package slack

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"syscall"
	"time"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/internal/wait"
)

// RetryPolicy says how Web API calls are retried.
type RetryPolicy struct {
	// Attempts is the total number of tries (default 5).
	Attempts int
	// Base is the first backoff after a transient error (default 250 ms); it
	// doubles each time up to Max (default 8 s), plus up to 50 % jitter.
	Base, Max time.Duration
	// MaxRetryAfter is the longest Retry-After honoured (default 60 s); a
	// longer one is returned to the caller as a rate-limit error at once.
	MaxRetryAfter time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = 5
	}
	if p.Base <= 0 {
		p.Base = 250 * time.Millisecond
	}
	if p.Max <= 0 {
		p.Max = 8 * time.Second
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = 60 * time.Second
	}
	return p
}

// transientCodes are Slack error codes worth another try.
var transientCodes = map[string]bool{
	"ratelimited": true, "service_unavailable": true, "request_timeout": true, "internal_error": true,
}

// wait returns how long to wait before try number attempt+1, and whether to.
func (p RetryPolicy) wait(err error, attempt int) (time.Duration, bool) {
	if attempt >= p.Attempts || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return 0, false
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		if rl.RetryAfter > p.MaxRetryAfter {
			return 0, false
		}
		return max(rl.RetryAfter, 10*time.Millisecond), true
	}
	if !transient(err) {
		return 0, false
	}
	d := p.Base << (attempt - 1)
	if d > p.Max || d <= 0 {
		d = p.Max
	}
	return d + time.Duration(rand.Int64N(int64(d)/2+1)), true
}

func transient(err error) bool {
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		return sc.Code >= 500
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return transientCodes[se.Err]
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// call runs one Web API method with retries and wraps a final failure in
// an *APIError.
func (a *Adapter) call(ctx context.Context, method string, fn func(context.Context) error) error {
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil {
			return nil
		}
		d, again := a.retry.wait(err, attempt)
		if !again {
			return newAPIError(method, err)
		}
		a.log.Debug("slack call retried", "method", method, "attempt", attempt, "wait", d, "err", err)
		if werr := wait.Sleep(ctx, d); werr != nil {
			return newAPIError(method, errors.Join(err, werr))
		}
	}
}
