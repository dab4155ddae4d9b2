package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestIsWorkingDay(t *testing.T) {
	loc := london(t)
	c := Default(loc)
	tests := []struct {
		when string
		want bool
	}{
		{"2026-12-18 10:00", true},  // Friday
		{"2026-12-19 10:00", false}, // Saturday
		{"2026-12-20 23:59", false}, // Sunday
		{"2026-12-24 10:00", true},  // Christmas Eve is not a bank holiday
		{"2026-12-25 10:00", false}, // Christmas Day
		{"2026-12-28 00:00", false}, // Boxing Day substitute
		{"2027-03-26 12:00", false}, // Good Friday
		{"2027-03-29 12:00", false}, // Easter Monday
		{"2027-03-30 12:00", true},
		{"2028-12-25 12:00", false}, // Christmas Day, a Monday
		{"2030-04-19 12:00", false}, // Good Friday 2030
		{"2030-04-23 12:00", true},  // the Tuesday after Easter Monday
		{"2032-12-27 12:00", false}, // Christmas Day substitute (25th is a Saturday)
		{"2032-12-28 12:00", false}, // Boxing Day substitute (26th is a Sunday)
		{"2032-12-29 12:00", true},
	}
	for _, tt := range tests {
		if got := c.IsWorkingDay(at(t, loc, tt.when)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.when, got, tt.want)
		}
	}
	// The date is read in the calendar's location: 23:30 UTC on Friday 24 July 2026 is
	// already Saturday in London.
	if c.IsWorkingDay(time.Date(2026, 7, 24, 23, 30, 0, 0, time.UTC)) {
		t.Error("Friday 23:30 UTC is Saturday 00:30 in London, not a working day")
	}
}

func TestNewTakesHolidayDatesAsWritten(t *testing.T) {
	ny := zone(t, "America/New_York")
	// Midnight UTC on 4 July is 3 July in New York; the holiday must still be 4 July.
	c := New(ny, []time.Time{time.Date(2029, 7, 4, 0, 0, 0, 0, time.UTC)})
	if c.IsWorkingDay(at(t, ny, "2029-07-04 12:00")) {
		t.Error("4 July should be the holiday")
	}
	if !c.IsWorkingDay(at(t, ny, "2029-07-03 12:00")) {
		t.Error("3 July should be a working day")
	}
	if New(nil, nil).Location() != time.UTC {
		t.Error("a nil location should mean UTC")
	}
}

func TestAddWorkingDays(t *testing.T) {
	loc := london(t)
	c := Default(loc)
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-12-18 10:00", 1, "2026-12-21 10:00"},  // Friday to Monday
		{"2026-12-19 10:00", 1, "2026-12-21 10:00"},  // Saturday to Monday
		{"2026-12-18 10:00", 0, "2026-12-18 10:00"},  // a working day stays
		{"2026-12-19 15:30", 0, "2026-12-21 15:30"},  // a weekend moves on
		{"2026-12-24 09:00", 1, "2026-12-29 09:00"},  // over Christmas, weekend, Boxing Day
		{"2026-12-18 10:00", 8, "2027-01-04 10:00"},  // and New Year
		{"2026-12-21 10:00", -1, "2026-12-18 10:00"}, // back over a weekend
		{"2026-12-29 10:00", -1, "2026-12-24 10:00"}, // back over the holidays
		{"2026-12-27 10:00", -1, "2026-12-24 10:00"}, // back from a Sunday
		{"2026-03-27 10:00", 1, "2026-03-30 10:00"},  // over the clocks going forward
		{"2026-10-23 10:00", 1, "2026-10-26 10:00"},  // over the clocks going back
	}
	for _, tt := range tests {
		got := c.AddWorkingDays(at(t, loc, tt.from), tt.n)
		if want := at(t, loc, tt.want); !got.Equal(want) {
			t.Errorf("AddWorkingDays(%s, %d) = %v, want %v", tt.from, tt.n, got, want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	loc := london(t)
	c := Default(loc)
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-12-18 10:00", "2026-12-18 23:00", 0},
		{"2026-12-18 23:00", "2026-12-21 01:00", 1},
		{"2026-12-18 10:00", "2026-12-29 10:00", 5}, // 21, 22, 23, 24, 29
		{"2026-12-29 10:00", "2026-12-18 10:00", -5},
		{"2026-12-25 10:00", "2026-12-28 10:00", 0},   // holiday to holiday
		{"2025-12-31 10:00", "2026-12-31 10:00", 253}, // 261 weekdays less 8 holidays
		{"2026-12-31 10:00", "2027-12-31 10:00", 253}, // 261 weekdays less 8 holidays
		{"2028-01-02 10:00", "2028-12-31 10:00", 252}, // 260 weekdays less 8 holidays
		{"2029-12-31 10:00", "2030-12-31 10:00", 253}, // 261 weekdays less 8 holidays
	}
	for _, tt := range tests {
		if got := c.WorkingDaysBetween(at(t, loc, tt.a), at(t, loc, tt.b)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestWorkingDaysAgreeWithCounting checks AddWorkingDays and WorkingDaysBetween against a
// plain day-by-day count, from random starts around the shipped holidays.
func TestWorkingDaysAgreeWithCounting(t *testing.T) {
	loc := london(t)
	c := Default(loc)
	rng := rand.New(rand.NewPCG(1, 2))
	start := at(t, loc, "2025-11-01 00:00")
	for range 2000 {
		a := start.Add(time.Duration(rng.Int64N(int64(800 * 24 * time.Hour))))
		b := a.Add(time.Duration(rng.Int64N(int64(90*24*time.Hour))) - 45*24*time.Hour)
		if got, want := c.WorkingDaysBetween(a, b), countByDay(c, a, b); got != want {
			t.Fatalf("WorkingDaysBetween(%v, %v) = %d, counted %d", a, b, got, want)
		}
		n := rng.IntN(41) - 20
		if n == 0 {
			continue
		}
		moved := c.AddWorkingDays(a, n)
		want := n
		if n < 0 && !c.IsWorkingDay(a) {
			want = n + 1 // Saturday -1 is Friday, and (Friday, Saturday] holds no working day
		}
		if got := c.WorkingDaysBetween(a, moved); got != want {
			t.Fatalf("AddWorkingDays(%v, %d) = %v, which is %d working days on", a, n, moved, got)
		}
		if !c.IsWorkingDay(moved) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v, not a working day", a, n, moved)
		}
		gap := a.Hour() == 1 // 01:xx does not exist on the day the clocks go forward
		if moved.Minute() != a.Minute() || (moved.Hour() != a.Hour() && !gap) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v: time of day not kept", a, n, moved)
		}
	}
}

// countByDay counts working days in (a, b] one date at a time.
func countByDay(c *Calendar, a, b time.Time) int {
	sign := 1
	if c.Date(b).Before(c.Date(a)) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := c.Date(a); d.Before(c.Date(b)); {
		y, m, day := d.Date()
		d = time.Date(y, m, day+1, 0, 0, 0, 0, c.loc)
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}

func TestEndOfDay(t *testing.T) {
	loc := london(t)
	c := Default(loc)
	tests := []struct {
		date, want string
		hours      float64
	}{
		{"2026-12-18 00:00", "2026-12-19 00:00", 24},
		{"2026-12-18 17:45", "2026-12-19 00:00", 24},
		{"2026-03-29 12:00", "2026-03-30 00:00", 23}, // clocks go forward that night
		{"2026-10-25 12:00", "2026-10-26 00:00", 25}, // clocks go back
	}
	for _, tt := range tests {
		d := at(t, loc, tt.date)
		got := c.EndOfDay(d)
		if want := at(t, loc, tt.want); !got.Equal(want) {
			t.Errorf("EndOfDay(%s) = %v, want %v", tt.date, got, want)
		}
		if h := got.Sub(c.Date(d)).Hours(); h != tt.hours {
			t.Errorf("day of %s lasts %v hours, want %v", tt.date, h, tt.hours)
		}
	}
}

// TestMidnightRoundTrips checks the day arithmetic in zones whose clocks change at midnight,
// where local midnight does not exist on some dates.
func TestMidnightRoundTrips(t *testing.T) {
	for _, name := range []string{"Europe/London", "America/Santiago", "America/Havana",
		"Asia/Beirut", "Pacific/Apia", "Australia/Lord_Howe"} {
		c := New(zone(t, name), nil)
		for n := dayNum(2024, 1, 1); n < dayNum(2030, 1, 1); n++ {
			if got := c.day(c.midnight(n)); got != n {
				t.Fatalf("%s: day(midnight(%d)) = %d", name, n, got)
			}
			if got := c.day(c.EndOfDay(c.midnight(n))); got != n+1 {
				t.Fatalf("%s: EndOfDay of day %d is on day %d", name, n, got)
			}
		}
	}
}
