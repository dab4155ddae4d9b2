package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// record exercises every recording function once.
func record(m *Metrics) {
	m.Request(Slack, OK)
	m.Request(Teams, Rejected)
	m.Ack(Slack, 40*time.Millisecond)
	m.Command("task", OK, 120*time.Millisecond)
	m.Queue(Inbox, 3, 2*time.Second)
	m.Queue(Outbox, 0, 0)
	m.SchedulerLag(1500 * time.Millisecond)
	m.PingSent()
	m.PingEscalated()
	m.PlatformCall(Slack, 200)
	m.PlatformCall(Teams, 429)
	m.RedisError("claim")
}

// TestLint runs promlint, the checker behind `promtool check metrics`, over
// every metric including the Go runtime and process ones.
func TestLint(t *testing.T) {
	m := New(Options{Version: "1.2.3"})
	record(m)
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
}

// TestScrape reads /metrics as Prometheus would and checks names, types and values.
func TestScrape(t *testing.T) {
	m := New(Options{Version: "1.2.3"})
	record(m)
	families := scrape(t, m.Handler(HandlerOptions{}), "/metrics")
	want := map[string]dto.MetricType{
		"jointwork_requests_total":                  dto.MetricType_COUNTER,
		"jointwork_ack_duration_seconds":            dto.MetricType_HISTOGRAM,
		"jointwork_command_duration_seconds":        dto.MetricType_HISTOGRAM,
		"jointwork_queue_depth":                     dto.MetricType_GAUGE,
		"jointwork_queue_oldest_age_seconds":        dto.MetricType_GAUGE,
		"jointwork_scheduler_lag_seconds":           dto.MetricType_HISTOGRAM,
		"jointwork_pings_sent_total":                dto.MetricType_COUNTER,
		"jointwork_pings_escalated_total":           dto.MetricType_COUNTER,
		"jointwork_platform_api_calls_total":        dto.MetricType_COUNTER,
		"jointwork_platform_api_rate_limited_total": dto.MetricType_COUNTER,
		"jointwork_redis_errors_total":              dto.MetricType_COUNTER,
		"jointwork_build_info":                      dto.MetricType_GAUGE,
		"go_goroutines":                             dto.MetricType_GAUGE,
	}
	for name, typ := range want {
		f, ok := families[name]
		if !ok {
			t.Errorf("%s missing from the scrape", name)
			continue
		}
		if f.GetType() != typ {
			t.Errorf("%s is a %v, want %v", name, f.GetType(), typ)
		}
	}
	checks := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"jointwork_requests_total", map[string]string{"platform": "slack", "outcome": "ok"}, 1},
		{"jointwork_requests_total", map[string]string{"platform": "console", "outcome": "busy"}, 0},
		{"jointwork_queue_depth", map[string]string{"queue": "inbox"}, 3},
		{"jointwork_queue_oldest_age_seconds", map[string]string{"queue": "inbox"}, 2},
		{"jointwork_platform_api_calls_total", map[string]string{"platform": "teams", "result": "4xx"}, 1},
		{"jointwork_platform_api_rate_limited_total", map[string]string{"platform": "teams"}, 1},
		{"jointwork_platform_api_rate_limited_total", map[string]string{"platform": "slack"}, 0},
		{"jointwork_redis_errors_total", map[string]string{"op": "claim"}, 1},
		{"jointwork_build_info", map[string]string{"version": "1.2.3"}, 1},
	}
	for _, c := range checks {
		if got, ok := value(families[c.name], c.labels); !ok || got != c.want {
			t.Errorf("%s%v = %v (found %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
}

func scrape(t *testing.T, h http.Handler, path string) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, rec.Code)
	}
	parser := expfmt.NewTextParser(model.LegacyValidation)
	families, err := parser.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("scrape does not parse: %v", err)
	}
	return families
}

// value finds the sample whose labels include want; counters, gauges and
// untyped values only.
func value(f *dto.MetricFamily, want map[string]string) (float64, bool) {
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		}
	}
	return 0, false
}

func TestHistograms(t *testing.T) {
	m := New(Options{NoRuntime: true})
	record(m)
	m.Ack(Slack, 4*time.Second)
	if n := testutil.CollectAndCount(m.ack); n != 1 {
		t.Errorf("ack series = %d, want 1 (slack)", n)
	}
	families := scrape(t, m.Handler(HandlerOptions{}), "/metrics")
	h := families["jointwork_ack_duration_seconds"].GetMetric()[0].GetHistogram()
	if h.GetSampleCount() != 2 || h.GetSampleSum() < 4.03 || h.GetSampleSum() > 4.05 {
		t.Errorf("ack histogram count %d sum %v, want 2 and 4.04", h.GetSampleCount(), h.GetSampleSum())
	}
	if _, ok := families["go_goroutines"]; ok {
		t.Error("NoRuntime still registered the Go collector")
	}
}

// TestLabelsStaySafe: unknown values collapse to "other", so no label can
// carry free text.
func TestLabelsStaySafe(t *testing.T) {
	tests := map[string]string{
		"task": "task", "case_open": "case_open", "add-note": "add-note",
		"": "other", "Task": "other", "task alex": "other", "alex@council.example": "other",
		strings.Repeat("a", 33): "other",
	}
	for in, want := range tests {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
	m := New(Options{NoRuntime: true})
	m.Request(Platform("irc"), Outcome("weird"))
	if got := testutil.ToFloat64(m.requests.WithLabelValues("other", "other")); got != 1 {
		t.Errorf("unknown platform and outcome counted %v times under other/other, want 1", got)
	}
	for status, want := range map[int]string{0: "error", 200: "2xx", 302: "3xx", 429: "4xx", 503: "5xx", 999: "error"} {
		if got := result(status); got != want {
			t.Errorf("result(%d) = %q, want %q", status, got, want)
		}
	}
}

// TestNilMetrics: every recorder is a no-op on nil, so callers need no checks.
func TestNilMetrics(t *testing.T) {
	var m *Metrics
	record(m)
}

func TestPProfOption(t *testing.T) {
	m := New(Options{NoRuntime: true})
	for _, tc := range []struct {
		pprof bool
		want  int
	}{{false, http.StatusNotFound}, {true, http.StatusOK}} {
		srv := httptest.NewServer(m.Handler(HandlerOptions{PProf: tc.pprof}))
		resp, err := http.Get(srv.URL + "/debug/pprof/cmdline")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		srv.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("pprof=%v: /debug/pprof/cmdline answered %d, want %d", tc.pprof, resp.StatusCode, tc.want)
		}
	}
	rec := httptest.NewRecorder()
	m.Handler(HandlerOptions{Path: "/internal/metrics"}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/internal/metrics", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "jointwork_build_info") {
		t.Errorf("custom path: %d", rec.Code)
	}
}
