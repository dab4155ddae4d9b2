package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Errors from ParseDue; test with errors.Is. Their messages are written for chat users.
var (
	// ErrDueForm means the text is not one of the accepted forms (see DueForms).
	ErrDueForm = errors.New("due date not understood")
	// ErrDuePast means the date is before today.
	ErrDuePast = errors.New("due date is in the past")
	// ErrDueTooFar means the date is more than two years after today.
	ErrDueTooFar = errors.New("due date is more than 2 years ahead")
)

// DueForms lists, for help texts and error messages, the due date forms ParseDue accepts.
const DueForms = "use YYYY-MM-DD, today, tomorrow, +3d (working days), +2w (weeks), " +
	"or a weekday such as fri, friday or next friday"

const (
	maxDueLen     = 32
	maxDueNumber  = 9999 // a larger +Nd / +Nw is refused before any counting
	maxDueYears   = 2
	dueDateLayout = time.DateOnly
)

// weekdays maps "friday" and "fri" (and so on) to their weekday.
var weekdays = func() map[string]time.Weekday {
	m := make(map[string]time.Weekday, 14)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := strings.ToLower(wd.String())
		m[name], m[name[:3]] = wd, wd
	}
	return m
}()

// ParseDue reads a due date typed by a user and returns that DATE: midnight at its start in
// the calendar's location (the due date has passed at EndOfDay). Case and surrounding spaces
// are ignored. Accepted forms, relative to now's date in the calendar's location:
//
//	2026-12-01          that date
//	today, tomorrow     today's or tomorrow's date
//	+3d                 3 WORKING days after today: in this product "days" in due dates are
//	                    working days, skipping weekends and bank holidays (Friday +1d is Monday)
//	+2w                 2 calendar weeks after today
//	fri, friday         the next Friday after today (never today itself)
//	next friday         the same as friday
//
// It refuses unknown words, impossible dates (2026-02-30), dates before today, dates more
// than 2 years after today and input longer than 32 characters; the errors wrap ErrDueForm,
// ErrDuePast or ErrDueTooFar and say what is accepted. A date on a weekend or bank holiday
// is returned without error; callers may warn (IsWorkingDay).
func (c *Calendar) ParseDue(s string, now time.Time) (time.Time, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	if len(in) > maxDueLen {
		return time.Time{}, fmt.Errorf("%w: too long (at most %d characters); %s",
			ErrDueForm, maxDueLen, DueForms)
	}
	today := c.day(now)
	due, ok := c.resolveDue(in, today)
	if !ok {
		return time.Time{}, fmt.Errorf("%w: %q; %s", ErrDueForm, in, DueForms)
	}
	if due < today {
		return time.Time{}, fmt.Errorf("%w: %s is before today (%s)",
			ErrDuePast, c.format(due), c.format(today))
	}
	if limit := c.yearsAhead(today, maxDueYears); due > limit {
		return time.Time{}, fmt.Errorf("%w: %s is after %s",
			ErrDueTooFar, c.format(due), c.format(limit))
	}
	return c.midnight(due), nil
}

// resolveDue turns a lower-case, trimmed due text into a day number.
func (c *Calendar) resolveDue(in string, today int64) (int64, bool) {
	switch in {
	case "today":
		return today, true
	case "tomorrow":
		return today + 1, true
	}
	if rest, ok := strings.CutPrefix(in, "+"); ok {
		return c.resolveOffset(rest, today)
	}
	if d, err := time.Parse(dueDateLayout, in); err == nil {
		return dayNum(d.Date()), true
	}
	words := strings.Fields(in)
	if len(words) == 2 && words[0] == "next" {
		words = words[1:]
	}
	if len(words) != 1 {
		return 0, false
	}
	wd, ok := weekdays[words[0]]
	if !ok {
		return 0, false
	}
	k := (int64(wd) - int64(weekdayOf(today)) + 7) % 7
	if k == 0 {
		k = 7
	}
	return today + k, true
}

// resolveOffset reads "3d" (working days) or "2w" (calendar weeks) after today.
func (c *Calendar) resolveOffset(s string, today int64) (int64, bool) {
	if len(s) < 2 {
		return 0, false
	}
	num, unit := s[:len(s)-1], s[len(s)-1]
	n, ok := smallNumber(num, maxDueNumber)
	if !ok || n == 0 {
		return 0, false
	}
	switch unit {
	case 'w':
		return today + 7*int64(n), true
	case 'd':
		if n > 366*maxDueYears { // surely too far; spare the counting
			return today + 7*int64(n), true
		}
		k := int64(0)
		for ; n > 0; n-- {
			k++
			for !c.working(today + k) {
				k++
			}
		}
		return today + k, true
	}
	return 0, false
}

// smallNumber parses a plain decimal number of ASCII digits, at most limit.
func smallNumber(s string, limit int) (int, bool) {
	if s == "" || len(s) > len(strconv.Itoa(limit)) {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n <= limit
}

// yearsAhead returns the day number of the same date n years after day.
func (c *Calendar) yearsAhead(day int64, n int) int64 {
	y, m, d := c.midnight(day).Date()
	return dayNum(y+n, m, d)
}

func (c *Calendar) format(day int64) string {
	return c.midnight(day).Format("Mon 2006-01-02")
}
