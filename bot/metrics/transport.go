package metrics

import "net/http"

// Transport wraps base (http.DefaultTransport when nil) so that every call
// to a platform API is counted by its status class, 429s also as rate
// limited. On a nil *Metrics it returns base unchanged.
func (m *Metrics) Transport(p Platform, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	if m == nil {
		return base
	}
	return &countingTransport{m: m, p: p, base: base}
}

type countingTransport struct {
	m    *Metrics
	p    Platform
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	status := 0
	if err == nil {
		status = resp.StatusCode
	}
	t.m.PlatformCall(t.p, status)
	return resp, err
}
