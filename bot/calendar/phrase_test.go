package calendar

import (
	"errors"
	"strings"
	"testing"
)

// TestWeekdayPhrases pins the chosen meanings of fri, this fri, next fri and end of week on
// each day of the week before Christmas 2026 (Friday 25 December is a bank holiday, which
// does not move a weekday phrase; callers may warn).
func TestWeekdayPhrases(t *testing.T) {
	c, _ := friday(t)
	tests := []struct {
		today                      string
		fri, thisFri, nextFri, eow string
	}{
		{"2026-12-14 09:00", "2026-12-18", "2026-12-18", "2026-12-25", "2026-12-18"}, // Monday
		{"2026-12-17 09:00", "2026-12-18", "2026-12-18", "2026-12-25", "2026-12-18"}, // Thursday
		{"2026-12-18 23:59", "2026-12-25", "2026-12-18", "2026-12-25", "2026-12-18"}, // Friday
		{"2026-12-19 00:00", "2026-12-25", "2026-12-25", "2026-12-25", "2026-12-25"}, // Saturday
		{"2026-12-20 12:00", "2026-12-25", "2026-12-25", "2026-12-25", "2026-12-25"}, // Sunday
		{"2026-12-21 08:00", "2026-12-25", "2026-12-25", "2027-01-01", "2026-12-25"}, // Monday
	}
	for _, tt := range tests {
		now := at(t, c.loc, tt.today)
		for in, want := range map[string]string{"fri": tt.fri, "friday": tt.fri,
			"this fri": tt.thisFri, "next fri": tt.nextFri, "next friday": tt.nextFri,
			"end of week": tt.eow, "end of next week": tt.nextFri} {
			got, err := c.ParseDue(in, now)
			if err != nil || !got.Equal(at(t, c.loc, want)) {
				t.Errorf("on %s, ParseDue(%q) = %v, %v; want %s", tt.today, in, got, err, want)
			}
		}
	}
}

func TestParseDuePrefix(t *testing.T) {
	c, now := friday(t) // Friday 2026-12-18
	tests := []struct {
		in   string
		want string // YYYY-MM-DD
		used int
	}{
		{"next fri Call the GP", "2026-12-25", 2},
		{"next friday", "2026-12-25", 2},
		{"fri Call the GP", "2026-12-25", 1},
		{"end of next week review the plan", "2026-12-25", 4},
		{"end of week review", "2026-12-18", 3},
		{"in 3 working days send the letter", "2026-12-23", 4},
		{"in 3 days send", "2026-12-21", 3},
		{"3 Dec 2027 visit", "2027-12-03", 3},
		{"3 Dec visit", "2027-12-03", 2},
		{"3 Dec 20 leaflets", "2027-12-03", 2}, // a year needs 4 digits
		{"Dec 3 visit", "2027-12-03", 2},
		{"03/12 visit", "2027-12-03", 1},
		{"+3d write up", "2026-12-23", 1},
		{"tomorrow 3 visits", "2026-12-19", 1},
		{"tomorrow", "2026-12-19", 1},
		{"3 days", "2026-12-21", 2},
		{"3 home visits", "", 0},
		{"TODAY Ring Mum", "2026-12-18", 1},
		{"nxt fri Call", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.in)
		got, used, err := c.ParseDuePrefix(words, now)
		if tt.want == "" {
			if !errors.Is(err, ErrDueForm) || used != 0 {
				t.Errorf("ParseDuePrefix(%q) = %v, %d, %v; want ErrDueForm", tt.in, got, used, err)
			}
			continue
		}
		if err != nil || used != tt.used || !got.Equal(at(t, c.loc, tt.want)) {
			t.Errorf("ParseDuePrefix(%q) = %v, %d, %v; want %s, %d", tt.in, got, used, err,
				tt.want, tt.used)
		}
	}
}

// TestParseDuePrefixErrorQuotesTheDate checks the error names the words meant as a date, not
// the text of the task after them.
func TestParseDuePrefixErrorQuotesTheDate(t *testing.T) {
	c, now := friday(t)
	tests := []struct{ in, quoted string }{
		{"nxt fri Call the GP", `"nxt fri"`},
		{"soon Call the GP", `"soon"`},
		{"32 Dec Call", `"32 Dec"`},
		{"end of the week", `"end of"`},
		{"3 Dec 2026 visit", ""}, // a past date says so instead
	}
	for _, tt := range tests {
		_, _, err := c.ParseDuePrefix(strings.Fields(tt.in), now)
		if err == nil {
			t.Errorf("ParseDuePrefix(%q): no error", tt.in)
			continue
		}
		if tt.quoted == "" {
			if !errors.Is(err, ErrDuePast) {
				t.Errorf("ParseDuePrefix(%q) error %v, want ErrDuePast", tt.in, err)
			}
			continue
		}
		want := "I can't read " + tt.quoted + " as a date; " + DueHint
		if err.Error() != want || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseDuePrefix(%q) error %q, want %q", tt.in, err, want)
		}
	}
}

// TestParseDueAgreesWithPrefix checks each phrase read whole by ParseDue gives the date
// ParseDuePrefix gives when text follows it.
func TestParseDueAgreesWithPrefix(t *testing.T) {
	c, now := friday(t)
	for _, in := range []string{"today", "next fri", "this friday", "end of next week",
		"in 3 working days", "in 2 weeks", "3 Dec", "Dec 3 2027", "03/12/2027", "+2wd",
		"2026-12-31"} {
		whole, err := c.ParseDue(in, now)
		if err != nil {
			t.Fatalf("ParseDue(%q): %v", in, err)
		}
		words := strings.Fields(in + " Call the GP")
		got, used, err := c.ParseDuePrefix(words, now)
		if err != nil || !got.Equal(whole) || used != len(strings.Fields(in)) {
			t.Errorf("ParseDuePrefix(%q) = %v, %d, %v; ParseDue said %v", in, got, used, err, whole)
		}
	}
}
