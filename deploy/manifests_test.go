package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// TestManifests decodes every plain manifest strictly and checks each workload.
func TestManifests(t *testing.T) {
	files, err := filepath.Glob("k8s/*.yaml")
	if err != nil || len(files) < 3 {
		t.Fatalf("manifests: %v %v", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			objs, err := decodeAll(data)
			if err != nil {
				t.Fatalf("strict decode: %v", err)
			}
			checkObjects(t, objs)
		})
	}
}

// checkObjects applies the restricted-level and operational checks to a set
// of decoded documents (one file, or one rendering of the chart).
func checkObjects(t *testing.T, objs []object) {
	t.Helper()
	services := map[string]*corev1.Service{}
	for _, o := range objs {
		if s, ok := o.value.(*corev1.Service); ok {
			services[s.Name] = s
		}
	}
	workloads := 0
	for _, o := range objs {
		spec := podSpec(o)
		if spec == nil {
			continue
		}
		workloads++
		for _, p := range restrictedProblems(spec) {
			t.Errorf("%s %s: %s", o.kind, o.name, p)
		}
		for _, c := range append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...) {
			for _, ref := range undefinedRefs(c) {
				t.Errorf("%s %s: container %s uses $(%s) before defining it in env", o.kind, o.name, c.Name, ref)
			}
		}
		for _, c := range spec.Containers {
			if c.LivenessProbe == nil || c.ReadinessProbe == nil {
				t.Errorf("%s %s: container %s lacks a liveness or readiness probe", o.kind, o.name, c.Name)
			}
		}
		if ss, ok := o.value.(*appsv1.StatefulSet); ok {
			if svc := services[ss.Spec.ServiceName]; svc == nil || svc.Spec.ClusterIP != corev1.ClusterIPNone {
				t.Errorf("StatefulSet %s: serviceName %q is not a headless Service in the same file", ss.Name, ss.Spec.ServiceName)
			}
		}
		if d, ok := o.value.(*appsv1.Deployment); ok {
			checkBotPod(t, d.Name, &d.Spec.Template.Spec)
		}
	}
	if workloads == 0 {
		t.Error("no workload found")
	}
}

// checkBotPod checks what the bot's own pod needs beyond the restricted level.
func checkBotPod(t *testing.T, name string, spec *corev1.PodSpec) {
	t.Helper()
	if len(spec.TopologySpreadConstraints) == 0 {
		t.Errorf("Deployment %s: no topologySpreadConstraints", name)
	}
	c := spec.Containers[0]
	if c.Lifecycle == nil || c.Lifecycle.PreStop == nil {
		t.Errorf("Deployment %s: no preStop hook", name)
	}
	if !hasEnv(c, "GOMEMLIMIT") {
		t.Errorf("Deployment %s: no GOMEMLIMIT", name)
	}
	if c.LivenessProbe != nil && (c.LivenessProbe.HTTPGet == nil || c.LivenessProbe.HTTPGet.Path != "/healthz") {
		t.Errorf("Deployment %s: liveness probe is not GET /healthz", name)
	}
	if c.ReadinessProbe != nil && (c.ReadinessProbe.HTTPGet == nil || c.ReadinessProbe.HTTPGet.Path != "/readyz") {
		t.Errorf("Deployment %s: readiness probe is not GET /readyz", name)
	}
}

// envRef is a Kubernetes dependent variable reference, $(NAME).
var envRef = regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`)

// undefinedRefs lists the $(NAME) references in a container's env values,
// command and args that no earlier env entry defines (Kubernetes would pass
// them on literally).
func undefinedRefs(c corev1.Container) []string {
	defined := map[string]bool{}
	var missing []string
	check := func(s string) {
		for _, m := range envRef.FindAllStringSubmatch(s, -1) {
			if !defined[m[1]] {
				missing = append(missing, m[1])
			}
		}
	}
	for _, e := range c.Env {
		check(e.Value)
		defined[e.Name] = true
	}
	for _, s := range append(append([]string{}, c.Command...), c.Args...) {
		check(s)
	}
	return missing
}

func hasEnv(c corev1.Container, name string) bool {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value != "" || e.ValueFrom != nil
		}
	}
	return false
}

func TestUndefinedRefs(t *testing.T) {
	c := corev1.Container{
		Env:  []corev1.EnvVar{{Name: "URL", Value: "redis://:$(PASS)@redis"}, {Name: "PASS", Value: "x"}, {Name: "B", Value: "$(PASS)"}},
		Args: []string{"--requirepass", "$(PASS)", "$(NOPE)"},
	}
	if got := strings.Join(undefinedRefs(c), " "); got != "PASS NOPE" {
		t.Errorf("undefinedRefs = %q, want the forward reference and the unknown one", got)
	}
}

// TestDecodeStrict shows that the decoder refuses what a lax one would accept.
func TestDecodeStrict(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown field":   "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {clusterIp: None}\n",
		"duplicate field": "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nmetadata: {name: b}\n",
		"unknown kind":    "apiVersion: v1\nkind: Gizmo\nmetadata: {name: a}\n",
		"no name":         "apiVersion: v1\nkind: Service\nmetadata: {}\n",
		"wrong type":      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: three}\n",
	} {
		if _, err := decodeAll([]byte(doc)); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

// TestRestrictedProblems breaks a compliant pod one field at a time.
func TestRestrictedProblems(t *testing.T) {
	tests := map[string]struct {
		edit func(*corev1.PodSpec)
		want string
	}{
		"ok":                 {func(*corev1.PodSpec) {}, ""},
		"named user only":    {func(s *corev1.PodSpec) { s.SecurityContext.RunAsUser = nil }, "runAsUser"},
		"root user":          {func(s *corev1.PodSpec) { s.SecurityContext.RunAsUser = ptr(int64(0)) }, "runAsUser"},
		"no seccomp":         {func(s *corev1.PodSpec) { s.SecurityContext.SeccompProfile = nil }, "seccomp"},
		"escalation allowed": {func(s *corev1.PodSpec) { s.Containers[0].SecurityContext.AllowPrivilegeEscalation = nil }, "allowPrivilegeEscalation"},
		"caps kept":          {func(s *corev1.PodSpec) { s.Containers[0].SecurityContext.Capabilities = nil }, "capabilities"},
		"writable root":      {func(s *corev1.PodSpec) { s.Containers[0].SecurityContext.ReadOnlyRootFilesystem = ptr(false) }, "readOnlyRootFilesystem"},
		"latest image":       {func(s *corev1.PodSpec) { s.Containers[0].Image = "jointwork:latest" }, "pinned"},
		"major-only tag":     {func(s *corev1.PodSpec) { s.Containers[0].Image = "redis:7" }, "pinned"},
		"untagged image":     {func(s *corev1.PodSpec) { s.Containers[0].Image = "registry:5000/redis" }, "pinned"},
		"host network":       {func(s *corev1.PodSpec) { s.HostNetwork = true }, "host namespace"},
		"no memory limit":    {func(s *corev1.PodSpec) { s.Containers[0].Resources.Limits = nil }, "memory limit"},
		"container root override": {func(s *corev1.PodSpec) { s.Containers[0].SecurityContext.RunAsNonRoot = ptr(false) },
			"runAsNonRoot"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			spec := compliantPod()
			tt.edit(spec)
			got := strings.Join(restrictedProblems(spec), "; ")
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want one about %q", got, tt.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func compliantPod() *corev1.PodSpec {
	return &corev1.PodSpec{
		SecurityContext: &corev1.PodSecurityContext{RunAsNonRoot: ptr(true), RunAsUser: ptr(int64(65532)), RunAsGroup: ptr(int64(65532)),
			SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault}},
		Containers: []corev1.Container{{Name: "c", Image: "jointwork@sha256:0123",
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceMemory: mustQuantity("64Mi")}},
			SecurityContext: &corev1.SecurityContext{AllowPrivilegeEscalation: ptr(false), ReadOnlyRootFilesystem: ptr(true),
				Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}}}}},
	}
}
