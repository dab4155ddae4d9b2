package directory

import (
	"strings"
	"testing"

	"github.com/jointwork/jointwork/deploy"
)

func TestExampleDirectory(t *testing.T) {
	d, err := Parse(deploy.ExampleDirectory)
	if err != nil {
		t.Fatal(err)
	}
	for handle, want := range map[string]string{"alex": "morgan", "bea": "morgan", "chris": "dana", "eve": "finn"} {
		m, ok := d.Manager(handle)
		if !ok || m.Handle != want {
			t.Errorf("manager of %s = %q, want %q", handle, m.Handle, want)
		}
	}
	if w, ok := d.Contact(Whistleblowing); !ok || w.Handle != "wendy" {
		t.Errorf("whistleblowing contact = %+v", w)
	}
	if p, ok := d.ByEmail("  CHRIS@nhs.example "); !ok || p.Handle != "chris" {
		t.Errorf("ByEmail = %+v %v", p, ok)
	}
	if p, ok := d.Person("@Alex"); !ok || p.Agency != "county-council" {
		t.Errorf("Person(@Alex) = %+v", p)
	}
	d.Link("slack", "bea", "U0BEA")
	if p, ok := d.BySlackID("U0BEA"); !ok || p.Handle != "bea" {
		t.Errorf("BySlackID after Link = %+v", p)
	}
}

func TestParseRefusesBadDirectories(t *testing.T) {
	tests := map[string]struct{ yaml, want string }{
		"duplicate":       {"people: [{handle: a, name: A, agency: x, role: r}, {handle: a, name: B, agency: x, role: r}]", "listed twice"},
		"missing role":    {"people: [{handle: a, name: A, agency: x}]", "required"},
		"bad handle":      {"people: [{handle: 'A B', name: A, agency: x, role: r}]", "handle"},
		"unknown manager": {"people: [{handle: a, name: A, agency: x, role: r, manager: zed}]", "zed"},
		"manager loop":    {"people: [{handle: a, name: A, agency: x, role: r, manager: b}, {handle: b, name: B, agency: x, role: r, manager: a}]", "loops"},
		"unknown contact": {"people: [{handle: a, name: A, agency: x, role: r}]\ncontacts: {whistleblowing: zed}", "zed"},
		"not yaml":        {"people: [", "directory"},
		"same slack_id":   {"people: [{handle: a, name: A, agency: x, role: r, slack_id: U1}, {handle: b, name: B, agency: x, role: r, slack_id: U1}]", `b: slack_id "U1" is already a's`},
		"same teams_id":   {"people: [{handle: a, name: A, agency: x, role: r, teams_id: Aad-1}, {handle: b, name: B, agency: x, role: r, teams_id: aad-1}]", `teams_id "aad-1" is already a's`},
		"same email":      {"people: [{handle: a, name: A, agency: x, role: r, email: A@x.example}, {handle: b, name: B, agency: x, role: r, email: a@X.example}]", `email "a@x.example" is already a's`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}
