package scripttest

import (
	"reflect"
	"testing"
)

func TestMarks(t *testing.T) {
	script := "/as @ana\n  # want: one\n# never: leak\n# console: only here\n# note\n# want: two\n"
	for _, tc := range []struct {
		name      string
		alsoWant  []string
		wantWants []string
	}{
		{"plain", nil, []string{"one", "two"}},
		{"with console", []string{"# console: "}, []string{"one", "only here", "two"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, never := Marks(script, tc.alsoWant...)
			if !reflect.DeepEqual(want, tc.wantWants) {
				t.Errorf("want lines %q, expected %q", want, tc.wantWants)
			}
			if !reflect.DeepEqual(never, []string{"leak"}) {
				t.Errorf("never lines %q", never)
			}
		})
	}
}
