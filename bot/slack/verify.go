package slack

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync"

	"github.com/slack-go/slack"
)

// MaxBody is the largest request body accepted from Slack (bytes). Slack's
// own payloads are a few kilobytes; a modal submission stays well under this.
const MaxBody = 256 << 10

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readVerified reads the body (at most MaxBody) and checks Slack's request
// signature over it, answering the request itself when it fails: 405 for a
// wrong method, 413 for an oversize body, 401 for a missing, stale (over
// five minutes) or forged signature. The caller must release the buffer.
func (a *Adapter) readVerified(w http.ResponseWriter, r *http.Request) (*bytes.Buffer, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	if r.ContentLength > MaxBody {
		a.refuse(w, r, http.StatusRequestEntityTooLarge, "body too large")
		return nil, false
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if _, err := buf.ReadFrom(io.LimitReader(r.Body, MaxBody+1)); err != nil || buf.Len() > MaxBody {
		release(buf)
		status, why := http.StatusBadRequest, "unreadable body"
		if err == nil {
			status, why = http.StatusRequestEntityTooLarge, "body too large"
		}
		a.refuse(w, r, status, why)
		return nil, false
	}
	if err := a.verify(r.Header, buf.Bytes()); err != nil {
		release(buf)
		a.refuse(w, r, http.StatusUnauthorized, reason(err))
		return nil, false
	}
	return buf, true
}

// verify checks the v0 signature and the five-minute timestamp window.
func (a *Adapter) verify(h http.Header, body []byte) error {
	sv, err := slack.NewSecretsVerifier(h, a.cfg.SlackSigningSecret)
	if err != nil {
		return err
	}
	if _, err := sv.Write(body); err != nil {
		return err
	}
	return sv.Ensure()
}

func reason(err error) string {
	switch {
	case errors.Is(err, slack.ErrMissingHeaders):
		return "missing signature headers"
	case errors.Is(err, slack.ErrExpiredTimestamp):
		return "stale timestamp"
	case errors.Is(err, slack.ErrInvalidConfiguration):
		return "SLACK_SIGNING_SECRET not set"
	default:
		return "bad signature"
	}
}

// refuse answers a request that is not acted on and logs why, never the body.
func (a *Adapter) refuse(w http.ResponseWriter, r *http.Request, status int, why string) {
	a.log.Warn("slack request refused", "path", r.URL.Path, "status", status, "reason", why,
		"retry", r.Header.Get("X-Slack-Retry-Num"))
	http.Error(w, http.StatusText(status), status)
}

func release(buf *bytes.Buffer) {
	if buf.Cap() <= 64<<10 {
		bufPool.Put(buf)
	}
}
