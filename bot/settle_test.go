package bot_test

import (
	"testing"

	"github.com/jointwork/jointwork/bot"
)

func TestSettles(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		want bool
	}{
		{"ack E1", true},
		{"ack", true},
		{"snooze E1 1wd", true},
		{"request accept R1", true},
		{"task done T1", true},
		{"consent yes C101", true},
		{"acknowledge E1", false},
		{"request decline R1", false},
		{"task edit T1", false},
		{"case show C101", false},
		{"", false},
	} {
		if got := bot.Settles(tc.cmd); got != tc.want {
			t.Errorf("Settles(%q) = %v, want %v", tc.cmd, got, tc.want)
		}
	}
}
