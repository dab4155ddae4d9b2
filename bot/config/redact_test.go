package config

import (
	"bytes"
	"strings"
	"testing"
)

// TestRedisPasswordNeverPrinted: a password with "#", "/", "@" or a bad "%"
// escape is hidden by `jointwork config` (Print), by the validation error
// and by RedactIn over an error that quotes the URL.
func TestRedisPasswordNeverPrinted(t *testing.T) {
	for _, tc := range []struct{ url, password string }{
		{"redis://:pa#ss1word@redis:6379/0", "pa#ss1word"},
		{"redis://user:pa/ss2word@redis:6379/0", "pa/ss2word"},
		{"redis://:pa%zzss3word@redis:6379/0", "pa%zzss3word"},
		{"rediss://:p@ss4word@redis:6380", "p@ss4word"},
		{"redis://default:plain5word@redis:6379", "plain5word"},
	} {
		tail := tc.password[len(tc.password)-5:]
		c := &Config{RedisURL: tc.url, HTTPAddr: ":8080", Timezone: "UTC", LogLevel: "info", LogFormat: "text"}
		var out bytes.Buffer
		c.Print(&out)
		if strings.Contains(out.String(), tail) {
			t.Errorf("config output shows %q:\n%s", tc.password, out.String())
		}
		if !strings.Contains(out.String(), "xxxxx@") {
			t.Errorf("config output lost the host part for %q", tc.password)
		}
		if err := c.Validate(); err != nil && strings.Contains(err.Error(), tail) {
			t.Errorf("validation error shows %q: %v", tc.password, err)
		}
		quoted := `parse "` + tc.url + `": invalid URL escape "%zz"`
		if got := RedactIn(quoted, tc.url); strings.Contains(got, tail) {
			t.Errorf("RedactIn left %q in %s", tc.password, got)
		}
	}
	if got := Redact("redis://redis:6379/0"); got != "redis://redis:6379/0" {
		t.Errorf("a URL without credentials changed to %q", got)
	}
}
