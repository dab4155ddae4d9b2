package importcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestNonStdlib(t *testing.T) {
	files := map[string]string{
		"a.go":      "package p\n\nimport (\n\t\"fmt\"\n\t\"github.com/redis/go-redis/v9\"\n)\n",
		"b.go":      "package p\n\nimport \"net/http\"\n",
		"c_test.go": "package p\n\nimport \"example.com/only/in/tests\"\n",
	}
	for _, tc := range []struct {
		name  string
		files []string
		want  []string
	}{
		{"stdlib only", []string{"b.go"}, nil},
		{"module import", []string{"a.go", "b.go"}, []string{"a.go imports github.com/redis/go-redis/v9"}},
		{"test files are not checked", []string{"b.go", "c_test.go"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, f), []byte(files[f]), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, err := NonStdlib(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("NonStdlib = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNonStdlibBadFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte("not go"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := NonStdlib(dir); err == nil {
		t.Error("NonStdlib of an unparsable file: no error")
	}
}
