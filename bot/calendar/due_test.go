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

		{"2026-12-01", "", ErrDuePast},
		{"2026-12-17", "", ErrDuePast},
		{"2028-12-19", "", ErrDueTooFar},
		{"+105w", "", ErrDueTooFar},
		{"+600d", "", ErrDueTooFar},
		{"+9999d", "", ErrDueTooFar},
		{"+99999d", "", ErrDueForm},
		{"2026-02-30", "", ErrDueForm},
		{"2027-02-29", "", ErrDueForm},
		{"2026-12-1", "", ErrDueForm},
		{"01/12/2026", "", ErrDueForm},
		{"", "", ErrDueForm},
		{"soon", "", ErrDueForm},
		{"next", "", ErrDueForm},
		{"next next friday", "", ErrDueForm},
		{"last friday", "", ErrDueForm},
		{"fr", "", ErrDueForm},
		{"+0d", "", ErrDueForm},
		{"+d", "", ErrDueForm},
		{"+-1d", "", ErrDueForm},
		{"+1x", "", ErrDueForm},
		{"+ 3d", "", ErrDueForm},
		{"3d", "", ErrDueForm},
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
	for _, in := range []string{"soon", "2026-02-30", strings.Repeat("9", 40)} {
		_, err := c.ParseDue(in, now)
		if err == nil || !strings.Contains(err.Error(), DueForms) {
			t.Errorf("ParseDue(%q) error %v should list the accepted forms", in, err)
		}
	}
	_, err := c.ParseDue("2026-12-01", now)
	if err == nil || !strings.Contains(err.Error(), "Tue 2026-12-01 is before today (Fri 2026-12-18)") {
		t.Errorf("past date error = %v", err)
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
