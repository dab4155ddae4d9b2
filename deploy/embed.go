// Package deploy holds the deployment files (app manifests, container and
// Kubernetes files, redis.conf) and embeds the example people directory that
// the console uses when no directory is configured.
package deploy

import _ "embed"

// ExampleDirectory is deploy/directory.example.yaml: synthetic people only.
//
//go:embed directory.example.yaml
var ExampleDirectory []byte
