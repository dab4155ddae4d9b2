package deploy

import (
	"fmt"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// restrictedProblems lists where a pod spec falls short of the Pod Security
// "restricted" level, plus this project's own rules: a numeric user, a
// read-only root file system, a memory limit and a pinned image.
func restrictedProblems(spec *corev1.PodSpec) []string {
	var p []string
	if spec.HostNetwork || spec.HostPID || spec.HostIPC {
		p = append(p, "pod uses a host namespace")
	}
	for _, v := range spec.Volumes {
		if v.HostPath != nil {
			p = append(p, "volume "+v.Name+" is a hostPath")
		}
	}
	pod := spec.SecurityContext
	if pod == nil {
		pod = &corev1.PodSecurityContext{}
	}
	all := append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...)
	for _, c := range all {
		for _, s := range containerProblems(pod, c) {
			p = append(p, c.Name+": "+s)
		}
	}
	return p
}

// containerProblems checks one container against the pod-level defaults.
func containerProblems(pod *corev1.PodSecurityContext, c corev1.Container) []string {
	var p []string
	sc := c.SecurityContext
	if sc == nil {
		return []string{"no securityContext"}
	}
	if sc.Privileged != nil && *sc.Privileged {
		p = append(p, "privileged")
	}
	if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		p = append(p, "allowPrivilegeEscalation is not false")
	}
	if sc.Capabilities == nil || !dropsAll(sc.Capabilities.Drop) {
		p = append(p, "capabilities do not drop ALL")
	} else if len(sc.Capabilities.Add) > 0 && !(len(sc.Capabilities.Add) == 1 && sc.Capabilities.Add[0] == "NET_BIND_SERVICE") {
		p = append(p, fmt.Sprintf("capabilities add %v", sc.Capabilities.Add))
	}
	if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		p = append(p, "readOnlyRootFilesystem is not true")
	}
	if !nonRoot(pod.RunAsNonRoot, sc.RunAsNonRoot) {
		p = append(p, "runAsNonRoot is not true")
	}
	if u := firstInt(sc.RunAsUser, pod.RunAsUser); u == nil || *u == 0 {
		p = append(p, "no numeric non-zero runAsUser")
	}
	if g := firstInt(sc.RunAsGroup, pod.RunAsGroup); g == nil || *g == 0 {
		p = append(p, "no numeric non-zero runAsGroup")
	}
	if !runtimeDefault(pod.SeccompProfile, sc.SeccompProfile) {
		p = append(p, "seccompProfile is not RuntimeDefault or Localhost")
	}
	if _, ok := c.Resources.Limits[corev1.ResourceMemory]; !ok {
		p = append(p, "no memory limit")
	}
	if !pinned(c.Image) {
		p = append(p, "image "+c.Image+" is not pinned to a version")
	}
	return p
}

func dropsAll(caps []corev1.Capability) bool {
	for _, c := range caps {
		if c == "ALL" {
			return true
		}
	}
	return false
}

// nonRoot applies the container's runAsNonRoot over the pod's.
func nonRoot(pod, container *bool) bool {
	if container != nil {
		return *container
	}
	return pod != nil && *pod
}

func firstInt(vs ...*int64) *int64 {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

// runtimeDefault applies the container's seccomp profile over the pod's.
func runtimeDefault(pod, container *corev1.SeccompProfile) bool {
	s := pod
	if container != nil {
		s = container
	}
	return s != nil && (s.Type == corev1.SeccompProfileTypeRuntimeDefault || s.Type == corev1.SeccompProfileTypeLocalhost)
}

// pinned reports whether an image names a version: a digest, or a tag with
// at least major.minor ("redis:7.4.2", not "redis:7" nor "latest").
func pinned(image string) bool {
	if strings.Contains(image, "@sha256:") {
		return true
	}
	slash := strings.LastIndex(image, "/")
	i := strings.LastIndex(image, ":")
	return i > slash && versionTag.MatchString(image[i+1:])
}

var versionTag = regexp.MustCompile(`^v?[0-9]+\.[0-9]+`)

func mustQuantity(s string) resource.Quantity { return resource.MustParse(s) }
