// Package deploy holds the deployment files (Slack and Teams app manifests,
// the Dockerfile, plain Kubernetes manifests in k8s/, the Helm chart in
// helm/jointwork, docker-compose.yaml for a trial, redis.conf, Prometheus
// alert rules and a Grafana dashboard) and embeds the example people
// directory that the console uses when no directory is configured. Its tests
// decode the manifests and the rendered chart strictly against the
// Kubernetes API types and check the Pod Security "restricted" settings.
package deploy

import _ "embed"

// ExampleDirectory is deploy/directory.example.yaml: synthetic people only.
//
//go:embed directory.example.yaml
var ExampleDirectory []byte
