package handlers

import (
	"regexp"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/privacy"
)

var itemIDRE = regexp.MustCompile(`^[TR][0-9]{1,11}$`)

// FuzzParseItemArg: the "[REF] ID" parser never panics; what it accepts is
// a well-formed id of the asked kind and, when a case is named, a lower-case
// pseudonymous reference; it reads back the same from its own output; and a
// refusal never echoes what was typed.
func FuzzParseItemArg(f *testing.F) {
	for _, s := range []string{"T1", "t12", "c101 T1", "#jw-C101 r7", "c101 T1 reasons follow", "T", "X1", "c101", "943 476 5919 T1",
		"smith1990 T1", "c101 T99999999999999", "", "  ", "c--1 T1", "ß9 T1", "c101 R1"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, line string, task bool) {
		kind := "R"
		if task {
			kind = "T"
		}
		args := strings.Fields(line)
		a, err := parseItemArg(args, kind)
		if err != nil {
			for _, w := range args {
				if len(w) > 3 && strings.Contains(err.Error(), w) {
					t.Fatalf("refusal echoes %q: %v", w, err)
				}
			}
			return
		}
		switch {
		case !itemIDRE.MatchString(a.ID) || a.ID[:1] != kind:
			t.Fatalf("accepted id %q for kind %s from %q", a.ID, kind, line)
		case a.Used < 1 || a.Used > 2 || a.Used > len(args):
			t.Fatalf("used %d of %d args", a.Used, len(args))
		case a.Used == 1 && a.Ref != "", a.Used == 2 && a.Ref == "":
			t.Fatalf("ref %q with %d args used", a.Ref, a.Used)
		}
		if a.Ref != "" {
			if a.Ref != strings.ToLower(a.Ref) || !refRE.MatchString(a.Ref) || len(a.Ref) > 32 || privacy.ScanRef(a.Ref) != privacy.None {
				t.Fatalf("accepted case reference %q from %q", a.Ref, line)
			}
			again, err := parseItemArg([]string{"#jw-" + a.Ref, a.ID}, kind) // the channel-name form
			if err != nil || again != a {
				t.Fatalf("round trip of %+v gave %+v, %v", a, again, err)
			}
		}
	})
}
