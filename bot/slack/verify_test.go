package slack

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestSignatureVerification(t *testing.T) {
	h := newHarness(t)
	body := eventBody("EvVerify", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "text": "<@UBOT> count", "ts": "1.000001"})
	now := time.Now()
	forged := sign(body, now, testSecret)
	forged.Set("X-Slack-Signature", "v0="+strings.Repeat("ab", 32))
	tests := []struct {
		name string
		body []byte
		hdr  http.Header
		want int
	}{
		{"good", body, sign(body, now, testSecret), http.StatusOK},
		{"forged signature", body, forged, http.StatusUnauthorized},
		{"wrong secret", body, sign(body, now, "another-secret"), http.StatusUnauthorized},
		{"body changed after signing", append([]byte{' '}, body...), sign(body, now, testSecret), http.StatusUnauthorized},
		{"stale timestamp (6 min)", body, sign(body, now.Add(-6*time.Minute), testSecret), http.StatusUnauthorized},
		{"future timestamp (6 min)", body, sign(body, now.Add(6*time.Minute), testSecret), http.StatusUnauthorized},
		{"just inside the window (4 min)", body, sign(body, now.Add(-4*time.Minute), testSecret), http.StatusOK},
		{"missing headers", body, http.Header{}, http.StatusUnauthorized},
		{"missing signature", body, http.Header{"X-Slack-Request-Timestamp": {"1"}}, http.StatusUnauthorized},
		{"signature not hex", body, http.Header{"X-Slack-Request-Timestamp": sign(body, now, testSecret)["X-Slack-Request-Timestamp"], "X-Slack-Signature": {"v0=zz"}}, http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := h.post(PathEvents, "application/json", tc.body, tc.hdr)
			if got != tc.want {
				t.Fatalf("status %d, want %d", got, tc.want)
			}
		})
	}
	h.idle()
	// Only the two accepted requests reached the bot, and they carry one
	// event id: the kernel acted once.
	if n := h.count.Load(); n != 1 {
		t.Fatalf("count ran %d times, want 1", n)
	}
}

func TestOversizeAndMethod(t *testing.T) {
	h := newHarness(t)
	big := []byte(`{"type":"event_callback","pad":"` + strings.Repeat("x", MaxBody) + `"}`)
	if got, _ := h.postSigned(PathEvents, "application/json", big); got != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversize body: status %d, want 413", got)
	}
	// A chunked body (no Content-Length) is cut at the limit too.
	req, _ := http.NewRequest(http.MethodPost, h.url+PathCommands, &slowReader{n: MaxBody + 10})
	for k, v := range sign(nil, time.Now(), testSecret) {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("chunked oversize: status %d, want 413", res.StatusCode)
	}
	res, err = http.Get(h.url + PathEvents)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET: status %d, want 405", res.StatusCode)
	}
}

// slowReader yields n bytes with no length known in advance.
type slowReader struct{ n int }

func (r *slowReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n, 4096)
	for i := range p[:k] {
		p[i] = 'a'
	}
	r.n -= k
	return k, nil
}

func TestURLVerification(t *testing.T) {
	h := newHarness(t)
	body := []byte(`{"type":"url_verification","token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`)
	code, got := h.postSigned(PathEvents, "application/json", body)
	if code != 200 || got != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("challenge: %d %q", code, got)
	}
	if code, _ := h.post(PathEvents, "application/json", body, nil); code != http.StatusUnauthorized {
		t.Fatalf("unsigned challenge: status %d, want 401", code)
	}
}
