#!/bin/sh
# Writes the transcript of each examples/lifecycle-*.txt (issue 11) to
# examples/transcripts/, on the embedded store with the clock fixed, so the
# closing note can point at them. The scripts themselves are checked by
# `go test ./cmd/jointwork -run Lifecycle` (embedded store and Redis), and
# replayed through the Slack and Teams fakes by the adapters' tests.
set -eu
cd "$(dirname "$0")/.."
mkdir -p examples/transcripts
go build -o /tmp/jointwork-transcripts ./cmd/jointwork
for script in examples/lifecycle-*.txt; do
	name=$(basename "$script" .txt)
	JOINTWORK_REDIS_URL= /tmp/jointwork-transcripts console --now 2026-11-23T09:00 <"$script" |
		tail -n +2 >"examples/transcripts/$name.out"
	echo "examples/transcripts/$name.out"
done
