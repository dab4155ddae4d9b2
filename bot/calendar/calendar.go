// Package calendar knows dates and working days for jointwork: which days are working days
// (not Saturday, Sunday or a bank holiday), how to count and add them, how to read the due
// dates people type ("+3d", "fri", "2026-12-01") and the delays configured for escalations
// ("4h", "2wd").
//
// In this product "days" in due dates and escalation delays are working days unless the unit
// says otherwise; a due date is a date, and it has passed at the start of the next day
// (EndOfDay).
package calendar

import (
	"slices"
	"time"
)

// Calendar answers date questions in one location with one set of bank holidays. It is
// immutable after New and safe for concurrent use.
type Calendar struct {
	loc      *time.Location
	holidays map[int64]bool // day numbers (days since 1970-01-01) of the holidays
	weekday  []int64        // sorted day numbers of the holidays that fall Monday to Friday
}

// New returns a calendar for loc (UTC when nil) with the given bank holidays. Each holiday
// is taken by its calendar date as written (t.Date() in t's own location), not converted to
// loc, so holidays from LoadHolidays (midnight UTC) mean the same date everywhere.
func New(loc *time.Location, holidays []time.Time) *Calendar {
	if loc == nil {
		loc = time.UTC
	}
	c := &Calendar{loc: loc, holidays: make(map[int64]bool, len(holidays))}
	for _, h := range holidays {
		n := dayNum(h.Date())
		if c.holidays[n] {
			continue
		}
		c.holidays[n] = true
		if !isWeekend(n) {
			c.weekday = append(c.weekday, n)
		}
	}
	slices.Sort(c.weekday)
	return c
}

// Default returns a calendar for loc (usually Europe/London) with the England and Wales bank
// holidays (see DefaultHolidays).
func Default(loc *time.Location) *Calendar {
	return New(loc, DefaultHolidays())
}

// Location returns the calendar's location.
func (c *Calendar) Location() *time.Location { return c.loc }

// Date returns the start of t's local date in the calendar's location: midnight (or, in a
// zone whose clocks skip midnight on that date, the first instant of the day).
func (c *Calendar) Date(t time.Time) time.Time {
	return c.midnight(c.day(t))
}

// IsWorkingDay reports whether t's local date is a working day: Monday to Friday and not a
// bank holiday.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	return c.working(c.day(t))
}

// AddWorkingDays returns t moved by n working days, keeping the local time of day. Days are
// counted after t's date: Friday plus 1 is Monday, and Saturday plus 1 is Monday too. A
// negative n counts back the same way. With n == 0 it returns t when t falls on a working
// day, otherwise the same time of day on the next working day. For n != 0,
// WorkingDaysBetween(t, AddWorkingDays(t, n)) == n when n > 0, and when n < 0 and t falls on
// a working day. The cost grows with |n|.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	t = t.In(c.loc)
	base := c.day(t)
	k := int64(0)
	step := int64(1)
	if n < 0 {
		step, n = -1, -n
	}
	if n == 0 {
		if c.working(base) {
			return t
		}
		for !c.working(base + k) {
			k++
		}
	}
	for ; n > 0; n-- {
		k += step
		for !c.working(base + k) {
			k += step
		}
	}
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	return time.Date(y, m, d+int(k), hh, mm, ss, t.Nanosecond(), c.loc)
}

// WorkingDaysBetween counts the working days after a's local date up to and including b's
// local date; the times of day are ignored. It is 0 on the same date, 1 from Friday to
// Monday (no holiday), and negative when b's date is before a's.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	from, to := c.day(a), c.day(b)
	if to < from {
		return -c.countWorking(to, from)
	}
	return c.countWorking(from, to)
}

// EndOfDay returns the instant a due date has passed: the start of the next local day
// (midnight, see Date).
func (c *Calendar) EndOfDay(date time.Time) time.Time {
	return c.midnight(c.day(date) + 1)
}

// countWorking counts working days in (from, to], with from <= to.
func (c *Calendar) countWorking(from, to int64) int {
	total := to - from
	count := total / 7 * 5
	for d := from + total/7*7 + 1; d <= to; d++ {
		if !isWeekend(d) {
			count++
		}
	}
	lo, _ := slices.BinarySearch(c.weekday, from+1)
	hi, _ := slices.BinarySearch(c.weekday, to+1)
	return int(count) - (hi - lo)
}

func (c *Calendar) working(n int64) bool {
	return !isWeekend(n) && !c.holidays[n]
}

// day returns the day number of t's date in the calendar's location.
func (c *Calendar) day(t time.Time) int64 {
	return dayNum(t.In(c.loc).Date())
}

// midnight returns the start of day number n in the calendar's location: midnight, or the
// first instant of the day where the clocks skip midnight (time.Date may then answer with an
// instant of the day before; the day starts where that zone period ends).
func (c *Calendar) midnight(n int64) time.Time {
	t := time.Date(1970, time.January, 1+int(n), 0, 0, 0, 0, c.loc)
	if c.day(t) < n {
		_, end := t.ZoneBounds()
		t = end.In(c.loc)
	}
	return t
}

// dayNum numbers a civil date: days since 1970-01-01.
func dayNum(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// weekdayOf returns the weekday of day number n (1970-01-01 was a Thursday).
func weekdayOf(n int64) time.Weekday {
	return time.Weekday(((n+4)%7 + 7) % 7)
}

func isWeekend(n int64) bool {
	w := weekdayOf(n)
	return w == time.Saturday || w == time.Sunday
}
