package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestParseDelayAndAfter(t *testing.T) {
	c, _ := friday(t)
	tests := []struct {
		in, str string
		from    string
		want    string
	}{
		{"4h", "4h", "2026-12-18 16:00", "2026-12-18 20:00"},
		{"30m", "30m", "2026-12-18 23:45", "2026-12-19 00:15"},
		{" 2WD ", "2wd", "2026-12-24 10:00", "2026-12-30 10:00"}, // Christmas, weekend, Boxing Day
		{"1wd", "1wd", "2026-12-19 10:00", "2026-12-21 10:00"},   // from a Saturday
		{"3d", "3d", "2026-12-24 10:00", "2026-12-27 10:00"},     // calendar days
		{"1d", "1d", "2026-03-28 10:00", "2026-03-29 10:00"},     // keeps 10:00 over the clock change
		{"24h", "24h", "2026-03-28 10:00", "2026-03-29 11:00"},   // while hours are hours
		{"0h", "0h", "2026-12-19 10:00", "2026-12-19 10:00"},     // no wait, even on a Saturday
		{"0wd", "0wd", "2026-12-19 10:00", "2026-12-19 10:00"},
		{"524wd", "524wd", "2026-12-18 10:00", "2029-01-17 10:00"}, // 7 + 253 + 252 + 12 (1 January 2029 a holiday)
		{"3 days", "3d", "2026-12-24 10:00", "2026-12-27 10:00"},
		{"1 day", "1d", "2026-12-24 10:00", "2026-12-25 10:00"},
		{"3 calendar days", "3d", "2026-12-24 10:00", "2026-12-27 10:00"},
		{"2 Working  Days", "2wd", "2026-12-24 10:00", "2026-12-30 10:00"},
		{"1 working day", "1wd", "2026-12-18 16:00", "2026-12-21 16:00"},
		{"4 hours", "4h", "2026-12-18 16:00", "2026-12-18 20:00"},
		{"4hours", "4h", "2026-12-18 16:00", "2026-12-18 20:00"},
		{"4 h", "4h", "2026-12-18 16:00", "2026-12-18 20:00"},
		{"1 hr", "1h", "2026-12-18 16:00", "2026-12-18 17:00"},
		{"30 minutes", "30m", "2026-12-18 16:00", "2026-12-18 16:30"},
		{"45 mins", "45m", "2026-12-18 16:00", "2026-12-18 16:45"},
		{"2w", "14d", "2026-12-18 10:00", "2027-01-01 10:00"},
		{"1 week", "7d", "2026-10-21 10:00", "2026-10-28 10:00"}, // over the clocks going back
	}
	for _, tt := range tests {
		d, err := c.ParseDelay(tt.in)
		if err != nil {
			t.Errorf("ParseDelay(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.str {
			t.Errorf("ParseDelay(%q).String() = %q, want %q", tt.in, d.String(), tt.str)
		}
		got := d.After(c, at(t, c.loc, tt.from))
		if want := at(t, c.loc, tt.want); !got.Equal(want) {
			t.Errorf("%s after %s = %v, want %v", tt.in, tt.from, got, want)
		}
	}
}

func TestParseDelayRefuses(t *testing.T) {
	c, _ := friday(t)
	for _, in := range []string{"", "4", "h", "-4h", "+4h", "1.5h", "4 days ago", "three days",
		"4h30m", "1000d", "525wd", "17569h", "1054081m", "99999999999999999999h", "xwd",
		"105w", "2 workingdays", "2 working", "3 dayz", "in 3 days", "3 d a y s",
		strings.Repeat("1", 20) + "m"} {
		if d, err := c.ParseDelay(in); !errors.Is(err, ErrDelay) {
			t.Errorf("ParseDelay(%q) = %v, %v; want ErrDelay", in, d, err)
		} else if !strings.Contains(err.Error(), "30m, 4h, 3d, 2wd, 3 days or 2 working days") {
			t.Errorf("ParseDelay(%q) error %q should say what is accepted", in, err)
		}
	}
}

func TestZeroDelay(t *testing.T) {
	var d Delay
	if !d.IsZero() || d.String() != "0m" {
		t.Fatalf("zero Delay: IsZero %v, String %q", d.IsZero(), d)
	}
	c, now := friday(t)
	if !d.After(c, now).Equal(now) {
		t.Fatal("the zero Delay should not wait")
	}
}

// TestDelayInConfig reads delays from YAML through UnmarshalText, as a config struct would.
func TestDelayInConfig(t *testing.T) {
	var cfg struct {
		Remind   Delay `yaml:"remind"`
		Escalate Delay `yaml:"escalate"`
	}
	if err := yaml.Unmarshal([]byte("remind: 4h\nescalate: 2wd\n"), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Remind.String() != "4h" || cfg.Escalate.String() != "2wd" {
		t.Fatalf("got %v, %v", cfg.Remind, cfg.Escalate)
	}
	out, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "remind: 4h\nescalate: 2wd\n" {
		t.Fatalf("marshalled %q", out)
	}
	if err := yaml.Unmarshal([]byte("remind: soon\n"), &cfg); !errors.Is(err, ErrDelay) {
		t.Fatalf("bad delay in YAML: err = %v, want ErrDelay", err)
	}
}

func TestParseClockStep(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"+3d", 72 * time.Hour},
		{"3d", 72 * time.Hour},
		{"+2w", 14 * 24 * time.Hour},
		{"+4h", 4 * time.Hour},
		{"+90m", 90 * time.Minute},
		{" +1H30M ", 90 * time.Minute},
		{"+10d", 240 * time.Hour},
	}
	for _, tt := range tests {
		got, err := ParseClockStep(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseClockStep(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "+", "+0d", "0", "-1h", "+-4h", "+3x", "+3wd", "+99999d",
		"+100000h", "+ 4h", "+" + strings.Repeat("1", 20) + "s"} {
		if got, err := ParseClockStep(in); !errors.Is(err, ErrDelay) {
			t.Errorf("ParseClockStep(%q) = %v, %v; want ErrDelay", in, got, err)
		}
	}
}
