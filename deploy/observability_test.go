package deploy

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/metrics"
)

// metricRef finds jointwork metric names in a PromQL expression.
var metricRef = regexp.MustCompile(`\bjointwork_[a-z_]+\b`)

// knownMetrics is the set of series names bot/metrics exposes, histograms
// with their _bucket, _count and _sum series.
func knownMetrics(t *testing.T) map[string]bool {
	t.Helper()
	m := metrics.New(metrics.Options{NoRuntime: true})
	// Series of a labelled metric appear once recorded: record one of each.
	m.Request(metrics.Slack, metrics.OK)
	m.Ack(metrics.Slack, 0)
	m.Command("help", metrics.OK, 0)
	m.Queue(metrics.Inbox, 0, 0)
	m.SchedulerLag(0)
	m.PingSent()
	m.PingEscalated()
	m.PlatformCall(metrics.Slack, 200)
	m.RedisError("ping")
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, f := range families {
		known[f.GetName()] = true
		for _, s := range []string{"_bucket", "_count", "_sum"} {
			known[f.GetName()+s] = true
		}
	}
	return known
}

// checkRefs fails for a jointwork_ name that bot/metrics does not define, and
// reports whether the expression named any.
func checkRefs(t *testing.T, where, expr string, known map[string]bool) bool {
	t.Helper()
	refs := metricRef.FindAllString(expr, -1)
	for _, r := range refs {
		if !known[r] {
			t.Errorf("%s: %s is not a metric bot/metrics defines", where, r)
		}
	}
	return len(refs) > 0
}

// dashboard is the part of a Grafana dashboard the test checks.
type dashboard struct {
	Title  string `json:"title"`
	UID    string `json:"uid"`
	Panels []struct {
		Title   string `json:"title"`
		Type    string `json:"type"`
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

func TestGrafanaDashboard(t *testing.T) {
	data, err := os.ReadFile("grafana/jointwork.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	if d.Title == "" || d.UID == "" || len(d.Panels) == 0 {
		t.Fatalf("dashboard lacks a title, uid or panels: %+v", d)
	}
	known := knownMetrics(t)
	covered := map[string]bool{}
	for _, p := range d.Panels {
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, q := range p.Targets {
			checkRefs(t, "panel "+p.Title, q.Expr, known)
			for _, r := range metricRef.FindAllString(q.Expr, -1) {
				covered[strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(r, "_bucket"), "_count"), "_sum")] = true
			}
		}
	}
	for name := range known {
		if !strings.HasSuffix(name, "_bucket") && !strings.HasSuffix(name, "_count") && !strings.HasSuffix(name, "_sum") && !covered[name] {
			t.Errorf("no panel shows %s", name)
		}
	}
}
