package deploy

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"text/template"

	"github.com/prometheus/common/model"
)

// ruleFile is the Prometheus rule file format (rulefmt's fields).
type ruleFile struct {
	Groups []struct {
		Name     string `json:"name"`
		Interval string `json:"interval,omitempty"`
		Rules    []struct {
			Alert         string            `json:"alert,omitempty"`
			Record        string            `json:"record,omitempty"`
			Expr          string            `json:"expr"`
			For           string            `json:"for,omitempty"`
			KeepFiringFor string            `json:"keep_firing_for,omitempty"`
			Labels        map[string]string `json:"labels,omitempty"`
			Annotations   map[string]string `json:"annotations,omitempty"`
		} `json:"rules"`
	} `json:"groups"`
}

// templateHeader defines the variables Prometheus defines before an alert template.
const templateHeader = `{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}`

var alertName = regexp.MustCompile(`^Jointwork[A-Z][A-Za-z]+$`)

// templateFuncs stands in for the functions Prometheus offers in alert
// templates, so that text/template can check the annotations' syntax.
var templateFuncs = template.FuncMap{}

func init() {
	for _, f := range []string{"humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp",
		"title", "toUpper", "toLower", "query", "first", "label", "value", "args", "reReplaceAll", "safeHtml",
		"match", "graphLink", "tableLink", "sortByLabel", "stripPort", "stripDomain", "pathPrefix", "externalURL",
		"parseDuration", "toTime", "toDuration", "now", "urlQueryEscape", "strvalue"} {
		templateFuncs[f] = func(...any) any { return nil }
	}
}

// TestAlertRules checks deploy/prometheus/alerts.yaml strictly: known fields
// only, durations Prometheus accepts, a severity and a summary on each alert,
// annotation templates that parse, and only metrics bot/metrics defines.
// TestAlertRulesPromtool adds promtool's own check of the PromQL.
func TestAlertRules(t *testing.T) {
	data, err := os.ReadFile("prometheus/alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var rf ruleFile
	if err := strictDecode(data, &rf); err != nil {
		t.Fatalf("rule file: %v", err)
	}
	known := knownMetrics(t)
	seen := map[string]bool{}
	for _, g := range rf.Groups {
		if g.Name == "" || len(g.Rules) == 0 {
			t.Errorf("group %q is unnamed or empty", g.Name)
		}
		for _, r := range g.Rules {
			where := g.Name + "/" + r.Alert
			if !alertName.MatchString(r.Alert) || seen[r.Alert] {
				t.Errorf("%s: want a unique name like JointworkSomething", where)
			}
			seen[r.Alert] = true
			if r.For != "" {
				if _, err := model.ParseDuration(r.For); err != nil {
					t.Errorf("%s: for: %v", where, err)
				}
			}
			switch r.Labels["severity"] {
			case "page", "ticket", "info":
			default:
				t.Errorf("%s: severity %q, want page, ticket or info", where, r.Labels["severity"])
			}
			if r.Annotations["summary"] == "" {
				t.Errorf("%s: no summary", where)
			}
			for k, text := range r.Annotations {
				if _, err := template.New(k).Funcs(templateFuncs).Parse(templateHeader + text); err != nil {
					t.Errorf("%s: annotation %s: %v", where, k, err)
				}
			}
			if !checkRefs(t, where, r.Expr, known) && r.Alert != "JointworkDown" {
				t.Errorf("%s: the expression uses no jointwork metric", where)
			}
		}
	}
	if len(seen) < 8 {
		t.Errorf("only %d alerts", len(seen))
	}
}

// TestAlertRulesPromtool runs promtool's rule check (deploy/prometheus/rulecheck,
// its own module) over alerts.yaml, and over a broken copy to show it bites.
// The first run compiles Prometheus' rule parser: about 20 s of CPU.
func TestAlertRulesPromtool(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles Prometheus' rule parser on first use")
	}
	alerts, err := filepath.Abs("prometheus/alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	bad := "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: rate(jointwork_requests_total[5m]) >\n"
	if err := os.WriteFile(broken, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, wantOK := range map[string]bool{alerts: true, broken: false} {
		goBin, err := exec.LookPath("go")
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(goBin, "run", ".", file)
		cmd.Dir = "prometheus/rulecheck"
		out, err := cmd.CombinedOutput()
		if (err == nil) != wantOK {
			t.Errorf("%s: err %v, want ok=%v\n%s", filepath.Base(file), err, wantOK, out)
		}
		if wantOK && !strings.Contains(string(out), "SUCCESS") {
			t.Errorf("%s: %s", filepath.Base(file), out)
		}
	}
}
