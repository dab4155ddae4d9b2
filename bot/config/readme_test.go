package config

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the module root, two levels up from bot/config.
const repoRoot = "../.."

// envTag is one envconfig-tagged field found in the code.
type envTag struct{ name, def, where string }

// codeEnvTags returns every envconfig tag in the module's non-test Go
// files, so a variable added anywhere (a platform's settings included) is
// checked against the README.
func codeEnvTags(t *testing.T) []envTag {
	t.Helper()
	var tags []envTag
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			field, ok := n.(*ast.Field)
			if !ok || field.Tag == nil {
				return true
			}
			raw, err := strconv.Unquote(field.Tag.Value)
			if err != nil {
				return true
			}
			tag := reflect.StructTag(raw)
			if name := tag.Get("envconfig"); name != "" {
				tags = append(tags, envTag{name: name, def: tag.Get("default"), where: path})
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tags
}

// readmeTable returns the README's variable table: name (without the
// JOINTWORK_ prefix) to its default cell.
func readmeTable(t *testing.T, readme string) map[string]string {
	t.Helper()
	row := regexp.MustCompile("(?m)^\\| `(?:JOINTWORK_)?([A-Z0-9_]+)` \\|([^|]*)\\|")
	table := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(readme, -1) {
		table[m[1]] = strings.TrimSpace(m[2])
	}
	return table
}

// TestReadmeListsEveryVariable keeps the README's configuration table
// true: every variable the code reads is a row, and a variable with a
// default shows exactly that default (one without shows none in code
// font).
func TestReadmeListsEveryVariable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	table := readmeTable(t, string(b))
	tags := codeEnvTags(t)
	if len(tags) < 20 {
		t.Fatalf("found only %d envconfig tags; is the walk broken?", len(tags))
	}
	for _, tag := range tags {
		cell, ok := table[tag.name]
		switch {
		case !ok:
			t.Errorf("%s (%s) is not in the README's variable table", tag.name, tag.where)
		case tag.def != "" && cell != "`"+tag.def+"`":
			t.Errorf("README default of %s is %q, code has %q", tag.name, cell, tag.def)
		case tag.def == "" && strings.Contains(cell, "`"):
			t.Errorf("README gives %s the default %q, code has none", tag.name, cell)
		}
	}
}

// TestReadmeNamesDevVariables checks that every JOINTWORK_ variable read
// with os.Getenv (development and test switches, outside the table) is
// named in the README.
func TestReadmeNamesDevVariables(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	getenv := regexp.MustCompile(`(?:Getenv|LookupEnv)\("(JOINTWORK_[A-Z0-9_]+)"\)`)
	found := 0
	err = filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range getenv.FindAllStringSubmatch(string(src), -1) {
			found++
			if !regexp.MustCompile(`\b` + m[1] + `\b`).Match(b) {
				t.Errorf("%s (read in %s) is not named in the README", m[1], path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("found no os.Getenv of a JOINTWORK_ variable; is the walk broken?")
	}
}
