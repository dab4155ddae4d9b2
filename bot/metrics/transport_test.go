package metrics

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestStatusOutcome(t *testing.T) {
	for status, want := range map[int]Outcome{200: OK, 204: OK, 400: Rejected, 401: Rejected, 403: Rejected,
		413: Rejected, 429: Busy, 503: Busy, 500: Error, 0: Error} {
		if got := StatusOutcome(status); got != want {
			t.Errorf("StatusOutcome(%d) = %s, want %s", status, got, want)
		}
	}
}

// TestTransport: every call through the transport is counted by status
// class, a 429 also as rate limited, a failed call as "error".
func TestTransport(t *testing.T) {
	codes := []int{200, 429, 500}
	i := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(codes[i]); i++ }))
	m := New(Options{NoRuntime: true})
	c := &http.Client{Transport: m.Transport(Teams, nil)}
	for range codes {
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	srv.Close()
	if _, err := c.Get(srv.URL); err == nil {
		t.Fatal("a closed server answered")
	}
	for result, want := range map[string]float64{"2xx": 1, "4xx": 1, "5xx": 1, "error": 1} {
		if got := testutil.ToFloat64(m.platformCalls.WithLabelValues("teams", result)); got != want {
			t.Errorf("%s calls = %v, want %v", result, got, want)
		}
	}
	if got := testutil.ToFloat64(m.rateLimited.WithLabelValues("teams")); got != 1 {
		t.Errorf("rate limited = %v, want 1", got)
	}
	var nilM *Metrics
	if nilM.Transport(Slack, http.DefaultTransport) != http.DefaultTransport {
		t.Error("a nil *Metrics wrapped the transport")
	}
}
