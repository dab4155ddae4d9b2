#!/usr/bin/env bash
# The whole test suite: installs redis-server when it is missing (Debian or
# Ubuntu, as root or with sudo), then go vet, staticcheck (pinned, fetched
# through the Go module proxy) and every test with the race detector against
# a real Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  echo "test.sh: redis-server is missing; installing it with apt-get"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
fi
redis-server --version

# Tests that need Redis fail (not skip) when it cannot be started.
export JOINTWORK_REQUIRE_REDIS=1

go vet ./...
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
go test -race -count=1 -timeout 30m ./...
