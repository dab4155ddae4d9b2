package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Retry policy for the connector and Graph.
const (
	maxAttempts   = 4
	maxRetryAfter = time.Minute
	baseBackoff   = time.Second
)

// apiError is a non-2xx answer from the connector or Graph.
type apiError struct {
	Method  string
	Host    string
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string {
	s := fmt.Sprintf("%s %s: status %d", e.Method, e.Host, e.Status)
	if e.Code != "" || e.Message != "" {
		s += fmt.Sprintf(" (%s: %s)", e.Code, e.Message)
	}
	return s
}

func isStatus(err error, status int) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.Status == status
}

// tokenClient is an HTTP client that adds an app token for scope, fetched
// with the client-credentials flow and reused until it expires.
func (a *Adapter) tokenClient(tokenURL, scope string) *http.Client {
	cc := clientcredentials.Config{
		ClientID:     a.opt.Config.MicrosoftAppID,
		ClientSecret: a.opt.Config.MicrosoftAppPassword,
		TokenURL:     tokenURL,
		Scopes:       []string{scope},
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, a.opt.HTTPClient)
	return &http.Client{
		Transport: &oauth2.Transport{Source: cc.TokenSource(ctx), Base: a.opt.HTTPClient.Transport},
		Timeout:   a.opt.HTTPClient.Timeout,
	}
}

// call sends one JSON request and decodes the answer into out. It retries
// 429 and 503 (and, for idempotent methods, 502, 504 and network errors),
// waiting as Retry-After says or backing off exponentially.
func (a *Adapter) call(ctx context.Context, hc *http.Client, method, rawURL string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("encode %s body: %w", method, err)
		}
	}
	for attempt := 1; ; attempt++ {
		wait, retry, err := a.once(ctx, hc, method, rawURL, body, out, attempt)
		if !retry || attempt == maxAttempts {
			return err
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return fmt.Errorf("%w (retry needs %s, past the deadline)", err, wait)
		}
		a.log.Info("retrying", "method", method, "host", hostOf(rawURL), "attempt", attempt, "wait", wait, "err", err.Error())
		if serr := a.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%w (gave up waiting: %w)", err, serr)
		}
	}
}

// once makes one attempt and says whether it may be retried, and after how
// long.
func (a *Adapter) once(ctx context.Context, hc *http.Client, method, rawURL string, body []byte, out any, attempt int) (time.Duration, bool, error) {
	req, err := http.NewRequestWithContext(ctx, method, rawURL, bytes.NewReader(body))
	if err != nil {
		return 0, false, fmt.Errorf("%s request: %w", method, err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		if idempotent(method) && ctx.Err() == nil && !isTokenError(err) {
			return backoff(attempt), true, fmt.Errorf("%s %s: %w", method, hostOf(rawURL), err)
		}
		return 0, false, fmt.Errorf("%s %s: %w", method, hostOf(rawURL), err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return 0, false, fmt.Errorf("%s %s: read answer: %w", method, hostOf(rawURL), err)
	}
	if resp.StatusCode/100 == 2 {
		if out != nil && len(bytes.TrimSpace(data)) > 0 {
			if err := json.Unmarshal(data, out); err != nil {
				return 0, false, fmt.Errorf("%s %s: decode answer: %w", method, hostOf(rawURL), err)
			}
		}
		return 0, false, nil
	}
	aerr := newAPIError(method, rawURL, resp.StatusCode, data)
	if !retryable(method, resp.StatusCode) {
		return 0, false, aerr
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), a.opt.Now()); ok {
		return d, true, aerr
	}
	return backoff(attempt), true, aerr
}

func newAPIError(method, rawURL string, status int, data []byte) *apiError {
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	_ = json.Unmarshal(data, &body)
	return &apiError{Method: method, Host: hostOf(rawURL), Status: status, Code: body.Error.Code, Message: body.Error.Message}
}

func retryable(method string, status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return idempotent(method)
	}
	return false
}

func idempotent(method string) bool {
	return method == http.MethodGet || method == http.MethodPut || method == http.MethodDelete
}

func isTokenError(err error) bool {
	var re *oauth2.RetrieveError
	return errors.As(err, &re)
}

// retryAfter reads Retry-After (seconds or an HTTP date), capped at a
// minute.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return min(time.Duration(s)*time.Second, maxRetryAfter), true
	}
	if t, err := http.ParseTime(h); err == nil && h != "" {
		return min(max(t.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}

// backoff is 1 s, 2 s, 4 s … for attempts without a Retry-After.
func backoff(attempt int) time.Duration {
	return min(baseBackoff<<(attempt-1), maxRetryAfter)
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "?"
	}
	return u.Host
}
