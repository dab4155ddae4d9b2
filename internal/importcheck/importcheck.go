// Package importcheck holds the test helper that keeps a package's
// dependencies in bounds: a package that must use the standard library only
// (bot/disclosure, bot/privacy) checks its own imports with StdlibOnly.
package importcheck

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// NonStdlib returns "file imports path" for every import outside the
// standard library in the non-test Go files of dir.
func NonStdlib(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var bad []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			return nil, err
		}
		for _, imp := range parsed.Imports {
			path := strings.Trim(imp.Path.Value, "`\"")
			if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
				bad = append(bad, filepath.Base(f)+" imports "+path)
			}
		}
	}
	return bad, nil
}

// StdlibOnly fails t for every import outside the standard library in the
// non-test Go files of dir.
func StdlibOnly(t *testing.T, dir string) {
	t.Helper()
	bad, err := NonStdlib(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("%s: this package must use the standard library only", b)
	}
}
