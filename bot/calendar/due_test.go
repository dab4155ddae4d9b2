package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDue(t *testing.T) {
	c, now := friday(t) // Friday 2026-12-18 10:00, London
	tests := []struct {
		in      string
		want    string // YYYY-MM-DD
		wantErr error
	}{
		{"2026-12-21", "2026-12-21", nil},
		{"2026-12-18", "2026-12-18", nil}, // today is not the past
		{"today", "2026-12-18", nil},
		{"tomorrow", "2026-12-19", nil}, // a Saturday: allowed, callers may warn
		{"  ToMoRRow ", "2026-12-19", nil},
		{"+1d", "2026-12-21", nil}, // working days: over the weekend
		{"+3d", "2026-12-23", nil},
		{"+4d", "2026-12-24", nil},
		{"+5d", "2026-12-29", nil}, // over Christmas, the weekend and Boxing Day (substitute)
		{"+8d", "2027-01-04", nil}, // and New Year's Day
		{"+3D", "2026-12-23", nil},
		{"+2w", "2027-01-01", nil}, // calendar weeks, holiday or not
		{"+104w", "2028-12-15", nil},
		{"fri", "2026-12-25", nil}, // the next Friday after today, never today
		{"friday", "2026-12-25", nil},
		{" Next  FRIDAY ", "2026-12-25", nil},
		{"next fri", "2026-12-25", nil},
		{"mon", "2026-12-21", nil},
		{"Monday", "2026-12-21", nil},
		{"sat", "2026-12-19", nil},
		{"thu", "2026-12-24", nil},
		{"thursday", "2026-12-24", nil},
		{"sun", "2026-12-20", nil},
		{"2028-12-18", "2028-12-18", nil}, // exactly two years ahead
		{"2028-02-29", "2028-02-29", nil},

		{"3d", "2026-12-23", nil}, // a bare delay form: working days like +3d
		{"+2wd", "2026-12-22", nil},
		{"2wd", "2026-12-22", nil},
		{"2w", "2027-01-01", nil},
		{"this fri", "2026-12-18", nil}, // today is Friday
		{"this friday", "2026-12-18", nil},
		{"this mon", "2026-12-21", nil},
		{"end of week", "2026-12-18", nil},
		{"end of next week", "2026-12-25", nil},
		{"next mon", "2026-12-21", nil},
		{"next thurs", "2026-12-24", nil},
		{"in 3 days", "2026-12-21", nil}, // calendar days
		{"3 days", "2026-12-21", nil},
		{"in 1 day", "2026-12-19", nil},
		{"in 2 weeks", "2027-01-01", nil},
		{"in a week", "2026-12-25", nil},
		{"in two days", "2026-12-20", nil},
		{"in 3 working days", "2026-12-23", nil},
		{"in 5 working days", "2026-12-29", nil}, // over Christmas and Boxing Day
		{"2 working days", "2026-12-22", nil},
		{"3 Dec", "2027-12-03", nil}, // passed this year: next year's
		{"3 December", "2027-12-03", nil},
		{"3rd december", "2027-12-03", nil},
		{"Dec 3", "2027-12-03", nil},
		{"DEC 3RD", "2027-12-03", nil},
		{"18 Dec", "2026-12-18", nil}, // today is not passed
		{"24 dec", "2026-12-24", nil},
		{"31 Dec", "2026-12-31", nil},
		{"1 jan", "2027-01-01", nil},
		{"7 Sept", "2027-09-07", nil},
		{"29 feb", "", ErrDueForm}, // neither 2026 nor 2027 has one
		{"3 Dec 2027", "2027-12-03", nil},
		{"Dec 3 2027", "2027-12-03", nil},
		{"3 Dec 2026", "", ErrDuePast},
		{"03/12", "2027-12-03", nil}, // day first
		{"3/12", "2027-12-03", nil},
		{"21/12", "2026-12-21", nil},
		{"12/01", "2027-01-12", nil}, // 12 January, not 1 December
		{"3/12/2027", "2027-12-03", nil},
		{"03/12/27", "2027-12-03", nil},
		{"01/12/2026", "", ErrDuePast},
		{"13/13", "", ErrDueForm},
		{"31/11", "", ErrDueForm},
		{"0/12", "", ErrDueForm},
		{"3/12/202", "", ErrDueForm},
		{"3/12/2027/1", "", ErrDueForm},
		{"32 Dec", "", ErrDueForm},
		{"3 Decx", "", ErrDueForm},

		{"2026-12-01", "", ErrDuePast},
		{"2026-12-17", "", ErrDuePast},
		{"2028-12-19", "", ErrDueTooFar},
		{"3 Dec 2029", "", ErrDueTooFar},
		{"in 800 days", "", ErrDueTooFar},
		{"+105w", "", ErrDueTooFar},
		{"+600d", "", ErrDueTooFar},
		{"+9999d", "", ErrDueTooFar},
		{"+99999d", "", ErrDueForm},
		{"2026-02-30", "", ErrDueForm},
		{"2027-02-29", "", ErrDueForm},
		{"2026-12-1", "", ErrDueForm},
		{"", "", ErrDueForm},
		{"soon", "", ErrDueForm},
		{"next", "", ErrDueForm},
		{"next week", "", ErrDueForm},
		{"next next friday", "", ErrDueForm},
		{"last friday", "", ErrDueForm},
		{"this", "", ErrDueForm},
		{"end of", "", ErrDueForm},
		{"end of the week", "", ErrDueForm},
		{"in 0 days", "", ErrDueForm},
		{"in 3 fortnights", "", ErrDueForm},
		{"in -3 days", "", ErrDueForm},
		{"tomorrow morning", "", ErrDueForm}, // the whole text must be a date
		{"fr", "", ErrDueForm},
		{"+0d", "", ErrDueForm},
		{"+d", "", ErrDueForm},
		{"+-1d", "", ErrDueForm},
		{"+1x", "", ErrDueForm},
		{"+ 3d", "", ErrDueForm},
		{"+٣d", "", ErrDueForm}, // Arabic-Indic three
		{"tomorrow " + strings.Repeat("x", 30), "", ErrDueForm},
	}
	for _, tt := range tests {
		got, err := c.ParseDue(tt.in, now)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("ParseDue(%q) = %v, %v; want error %v", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDue(%q): %v", tt.in, err)
			continue
		}
		if want := at(t, c.loc, tt.want); !got.Equal(want) || got.Location() != c.loc {
			t.Errorf("ParseDue(%q) = %v, want %v", tt.in, got, want)
		}
	}
}

func TestParseDueErrorsSayWhatIsAccepted(t *testing.T) {
	c, now := friday(t)
	tests := []struct{ in, want string }{
		{"nxt fri", `I can't read "nxt fri" as a date; try next fri, 3 Dec or 03/12`},
		{"soon", `I can't read "soon" as a date; ` + DueHint},
		{"2026-02-30", `I can't read "2026-02-30" as a date; ` + DueHint},
		{"  ", "A date is missing; " + DueHint},
		{strings.Repeat("9", 40), "That date is too long (at most 32 characters); " + DueHint},
		{"2026-12-01", "Tue 1 Dec 2026 is before today (Fri 18 Dec 2026)"},
		{"31/12/2028", "Sun 31 Dec 2028 is more than 2 years ahead; pick a date up to Mon 18 Dec 2028"},
	}
	for _, tt := range tests {
		_, err := c.ParseDue(tt.in, now)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseDue(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestParseDueUsesTheCalendarsDate checks "today" is today in London, whatever now's zone.
func TestParseDueUsesTheCalendarsDate(t *testing.T) {
	c, _ := friday(t)
	// 06:30 on Saturday in Auckland is still Friday 17:30 in London.
	nowNZ := time.Date(2026, 12, 19, 6, 30, 0, 0, zone(t, "Pacific/Auckland"))
	tests := []struct{ in, want string }{
		{"today", "2026-12-18"},
		{"+1d", "2026-12-21"},
		{"sat", "2026-12-19"},
	}
	for _, tt := range tests {
		got, err := c.ParseDue(tt.in, nowNZ)
		if err != nil {
			t.Fatalf("ParseDue(%q): %v", tt.in, err)
		}
		if got.Format(time.DateOnly) != tt.want || got.Hour() != 0 {
			t.Errorf("ParseDue(%q) = %v, want midnight of %s in London", tt.in, got, tt.want)
		}
	}
}

// TestDueDateEndsAtEndOfDay ties ParseDue to EndOfDay: a task due "tomorrow" from Friday is
// overdue from Sunday 00:00.
func TestDueDateEndsAtEndOfDay(t *testing.T) {
	c, now := friday(t)
	due, err := c.ParseDue("tomorrow", now)
	if err != nil {
		t.Fatal(err)
	}
	if want := at(t, c.loc, "2026-12-20 00:00"); !c.EndOfDay(due).Equal(want) {
		t.Fatalf("EndOfDay(%v) = %v, want %v", due, c.EndOfDay(due), want)
	}
	if c.IsWorkingDay(due) {
		t.Fatal("a Saturday due date should be flagged as not a working day")
	}
}
