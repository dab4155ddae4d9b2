package bot

import (
	"errors"
	"fmt"
	"testing"
)

type fakeOutage struct{ down bool }

func (e fakeOutage) Error() string     { return "fake outage" }
func (e fakeOutage) Unavailable() bool { return e.down }

func TestIsUnavailable(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain", errors.New("boom"), false},
		{"outage", fakeOutage{down: true}, true},
		{"wrapped outage", fmt.Errorf("save: %w", fakeOutage{down: true}), true},
		{"joined outage", fmt.Errorf("a: %w: %w", errors.New("x"), fakeOutage{down: true}), true},
		{"says not down", fakeOutage{down: false}, false},
		{"user error", Refusef("no"), false},
	}
	for _, c := range cases {
		if got := IsUnavailable(c.err); got != c.want {
			t.Errorf("%s: IsUnavailable = %v, want %v", c.name, got, c.want)
		}
	}
}
