package deploy

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// helmModule is the Helm release the tests run (as a Go module, so helm does
// not have to be installed). The first run compiles it: about 2.5 minutes on
// two shared cores; later runs come from the build cache in about a second.
const helmModule = "helm.sh/helm/v3/cmd/helm@v3.22.0"

const chartDir = "helm/jointwork"

// helm runs the helm command line and returns its standard output.
func helm(t *testing.T, args ...string) (string, error) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is needed to run helm: %v", err)
	}
	cmd := exec.Command(goBin, append([]string{"run", helmModule}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), &helmError{err: err, stderr: stderr.String()}
	}
	return string(out), nil
}

type helmError struct {
	err    error
	stderr string
}

func (e *helmError) Error() string { return e.err.Error() + ": " + e.stderr }

// valuesFile writes a values override to a temporary file.
func valuesFile(t *testing.T, yaml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "values.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// chartCases are value sets the chart must lint and render cleanly; want
// checks what each one is for.
var chartCases = []struct {
	name, values string
	want         func(t *testing.T, objs []object)
}{
	{"defaults", "", func(t *testing.T, objs []object) {
		c := botContainer(t, objs)
		wantEnv(t, c, "JOINTWORK_REDIS_MODE", "single")
		wantEnv(t, c, "GOMEMLIMIT", "230MiB")
		wantSecretEnv(t, c, "JOINTWORK_REDIS_URL", "jointwork-redis")
		wantKinds(t, objs, "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap")
		if d := deployment(t, objs); d.Spec.Replicas == nil || *d.Spec.Replicas != 3 {
			t.Errorf("replicas = %v, want 3", d.Spec.Replicas)
		}
	}},
	{"sentinel with everything on", `
redis: {mode: sentinel, urlSecret: {name: redis-ha-url}}
slack: {existingSecret: slack}
teams: {existingSecret: teams, tenantId: 00000000-0000-0000-0000-000000000001}
resources: {limits: {memory: 1Gi}, requests: {cpu: 100m, memory: 128Mi}}
metrics: {enabled: true, serviceMonitor: {enabled: true}}
pprof: true
autoscaling: {enabled: true}
rules: {local.yaml: "rules: []\n"}
holidays: ["2030-07-12"]
env: {JOINTWORK_ESCALATE_AFTER: 2h}
`, func(t *testing.T, objs []object) {
		c := botContainer(t, objs)
		wantEnv(t, c, "JOINTWORK_REDIS_MODE", "sentinel")
		wantEnv(t, c, "GOMEMLIMIT", "921MiB")
		wantEnv(t, c, "JOINTWORK_RULES", "/etc/jointwork/rules")
		wantEnv(t, c, "JOINTWORK_HOLIDAYS", "/etc/jointwork/holidays.txt")
		wantEnv(t, c, "JOINTWORK_ESCALATE_AFTER", "2h")
		wantEnv(t, c, "JOINTWORK_METRICS_ADDR", ":9090")
		wantEnv(t, c, "JOINTWORK_PPROF", "true")
		wantKinds(t, objs, "HorizontalPodAutoscaler", "ServiceMonitor")
		if len(c.EnvFrom) != 2 {
			t.Errorf("envFrom = %v, want the Slack and Teams Secrets", c.EnvFrom)
		}
		if d := deployment(t, objs); d.Spec.Replicas != nil {
			t.Errorf("replicas set to %d although the HPA owns them", *d.Spec.Replicas)
		}
	}},
	{"cluster with a plain URL", `
redis: {mode: cluster, urlSecret: {name: ""}, url: "redis://n1:6379?addr=n2:6379&addr=n3:6379"}
podDisruptionBudget: {enabled: false}
networkPolicy: {enabled: false}
`, func(t *testing.T, objs []object) {
		c := botContainer(t, objs)
		wantEnv(t, c, "JOINTWORK_REDIS_MODE", "cluster")
		wantEnv(t, c, "JOINTWORK_REDIS_URL", "redis://n1:6379?addr=n2:6379&addr=n3:6379")
		for _, o := range objs {
			if o.kind == "PodDisruptionBudget" || o.kind == "NetworkPolicy" {
				t.Errorf("%s rendered although disabled", o.kind)
			}
		}
	}},
}

// TestChart lints and renders the chart with each value set, then decodes the
// output strictly and applies the same checks as to the plain manifests.
func TestChart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helm (compiled on first use)")
	}
	for _, tc := range chartCases {
		t.Run(tc.name, func(t *testing.T) {
			vf := valuesFile(t, tc.values)
			if out, err := helm(t, "lint", "--strict", chartDir, "--values", vf); err != nil {
				t.Fatalf("helm lint: %v\n%s", err, out)
			}
			out, err := helm(t, "template", "t", chartDir, "--kube-version", "1.31.0", "--values", vf)
			if err != nil {
				t.Fatalf("helm template: %v", err)
			}
			objs, err := decodeAll([]byte(out))
			if err != nil {
				t.Fatalf("strict decode: %v", err)
			}
			checkObjects(t, objs)
			tc.want(t, objs)
		})
	}
}

// TestChartRefuses checks that bad values fail with a message naming the value.
func TestChartRefuses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helm (compiled on first use)")
	}
	for values, want := range map[string]string{
		"redis: {mode: replicated}":                       `redis[./]mode`,
		"image: {tag: latest}":                            `image[./]tag`,
		"redis: {urlSecret: {name: ''}, url: ''}":         `redis\.urlSecret\.name`,
		"redis: {urlSecret: {name: ''}, url: 'http://x'}": `redis[./]url`,
		"holidays: ['12/07/2030']":                        `holidays`,
		"env: {SLACK_BOT_TOKEN: x}":                       `SLACK_BOT_TOKEN`,
		"rules: {'../x.yaml': 'rules: []'}":               `rules: file name`,
		"replicas: 3":                                     `replicas`,
		"log: {format: xml}":                              `log/format`,
		"goMemLimitPercent: 120":                          `goMemLimitPercent`,
	} {
		_, err := helm(t, "template", "t", chartDir, "--values", valuesFile(t, values))
		if err == nil || !regexp.MustCompile(want).MatchString(err.Error()) {
			t.Errorf("%s: error %v, want one matching %s", values, err, want)
		}
	}
}

func deployment(t *testing.T, objs []object) *appsv1.Deployment {
	t.Helper()
	for _, o := range objs {
		if d, ok := o.value.(*appsv1.Deployment); ok {
			return d
		}
	}
	t.Fatal("no Deployment rendered")
	return nil
}

func botContainer(t *testing.T, objs []object) corev1.Container {
	t.Helper()
	return deployment(t, objs).Spec.Template.Spec.Containers[0]
}

func wantEnv(t *testing.T, c corev1.Container, name, value string) {
	t.Helper()
	for _, e := range c.Env {
		if e.Name == name {
			if e.Value != value {
				t.Errorf("%s = %q, want %q", name, e.Value, value)
			}
			return
		}
	}
	t.Errorf("%s not set", name)
}

func wantSecretEnv(t *testing.T, c corev1.Container, name, secret string) {
	t.Helper()
	for _, e := range c.Env {
		if e.Name == name && e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil && e.ValueFrom.SecretKeyRef.Name == secret {
			return
		}
	}
	t.Errorf("%s does not come from Secret %s", name, secret)
}

func wantKinds(t *testing.T, objs []object, kinds ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, o := range objs {
		have[o.kind] = true
	}
	for _, k := range kinds {
		if !have[k] {
			t.Errorf("no %s rendered", k)
		}
	}
}
