# The two commands of the README: `make console` and `make test`.
.PHONY: console test bench build

console:
	go run ./cmd/jointwork console

test:
	./scripts/test.sh

bench:
	go test -run '^$$' -bench . -benchmem ./...

build:
	CGO_ENABLED=0 go build -trimpath -o jointwork ./cmd/jointwork
