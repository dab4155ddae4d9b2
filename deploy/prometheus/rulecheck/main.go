// Command rulecheck checks Prometheus rule files the way `promtool check
// rules` does: rulefmt parses each file strictly (unknown fields are errors),
// parses every PromQL expression and annotation template, and validates
// names, labels and durations. promtool itself cannot be run with `go run
// ...@version` (Prometheus' go.mod has replace directives) and its service
// discovery makes it slow to build; this is its rule check alone.
//
// It is its own module so that Prometheus' dependencies stay out of
// jointwork's go.mod. Usage: go run . FILE...
package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run checks each file and returns the exit status: 0 clean, 1 problems, 2 usage.
func run(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: rulecheck FILE...")
		return 2
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	p := parser.NewParser(parser.Options{})
	status := 0
	for _, f := range files {
		groups, errs := rulefmt.ParseFile(f, false, model.UTF8Validation, p, logger)
		if len(errs) > 0 {
			status = 1
			for _, err := range errs {
				fmt.Fprintln(stderr, err)
			}
			continue
		}
		n := 0
		for _, g := range groups.Groups {
			n += len(g.Rules)
		}
		fmt.Fprintf(stdout, "%s: SUCCESS: %d rules found\n", f, n)
	}
	return status
}
