package calendar

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ErrWorkingHours is wrapped by the errors of ParseWorkingHours.
var ErrWorkingHours = errors.New("working hours not understood")

// WorkingHours are the times pings and reminders may be delivered: from an opening to a
// closing time of day (local wall clock in the calendar's location) on a set of weekdays,
// never on the calendar's bank holidays. Periods are half open: 17:30 is already closed.
// Durations are real elapsed time, so a working day of 09:00-17:30 is 8h30m also on the days
// the clocks change (they change at night).
//
// The zero WorkingHours, and ParseWorkingHours' "always", set no limits: every instant is
// within hours and working time is calendar time. A WorkingHours is a small value, safe for
// concurrent use.
type WorkingHours struct {
	cal         *Calendar
	limited     bool
	open, close int     // minutes after midnight; close may be 24:00
	days        [7]bool // by time.Weekday
}

// maxSearchDays bounds the search for the next open day (about ten years).
const maxSearchDays = 3660

const hoursForms = "use opening and closing times and optional days, such as 09:00-17:30, " +
	"08:00-18:00 mon-sat, 09:00-17:00 mon,tue,thu or always"

var hoursRE = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*(?:-|–|to)\s*(\d{1,2}):(\d{2})(?:\s+(.+))?$`)

// DefaultWorkingHours returns 09:00-17:30, Monday to Friday, not on c's bank holidays.
func DefaultWorkingHours(c *Calendar) WorkingHours {
	w, err := ParseWorkingHours(c, "09:00-17:30 mon-fri")
	if err != nil {
		panic(err) // a constant; covered by tests
	}
	return w
}

// ParseWorkingHours reads working hours for c: "HH:MM-HH:MM" (closing after opening, 24:00
// allowed) and optionally days, as ranges and lists of weekday names: "mon-fri" (the default
// when omitted), "mon-sat", "mon,tue,thu", "mon-wed,fri", "weekdays", "daily". "always"
// sets no limits. Case and spaces around "-" and "," are ignored.
func ParseWorkingHours(c *Calendar, s string) (WorkingHours, error) {
	in := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if in == "always" || in == "24/7" {
		return WorkingHours{cal: c}, nil
	}
	m := hoursRE.FindStringSubmatch(in)
	if m == nil {
		return WorkingHours{}, fmt.Errorf("%w: %q; %s", ErrWorkingHours, in, hoursForms)
	}
	open, ok1 := clockMinutes(m[1], m[2])
	closing, ok2 := clockMinutes(m[3], m[4])
	if !ok1 || !ok2 || open == 24*60 {
		return WorkingHours{}, fmt.Errorf("%w: %q has a time that is not on the clock; %s",
			ErrWorkingHours, in, hoursForms)
	}
	if closing <= open {
		return WorkingHours{}, fmt.Errorf("%w: %q closes before it opens (overnight hours are "+
			"not supported); %s", ErrWorkingHours, in, hoursForms)
	}
	w := WorkingHours{cal: c, limited: true, open: open, close: closing}
	days, err := parseDays(m[5])
	if err != nil {
		return WorkingHours{}, fmt.Errorf("%w: %v; %s", ErrWorkingHours, err, hoursForms)
	}
	w.days = days
	return w, nil
}

// clockMinutes reads hours and minutes, 00:00 to 24:00.
func clockMinutes(h, m string) (int, bool) {
	hh, ok1 := smallNumber(h, 24)
	mm, ok2 := smallNumber(m, 59)
	if !ok1 || !ok2 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return hh*60 + mm, true
}

// parseDays reads "mon-fri", "mon,wed-fri" and the like; empty means Monday to Friday.
func parseDays(s string) ([7]bool, error) {
	var days [7]bool
	s = strings.ReplaceAll(s, " ", "")
	switch s {
	case "", "weekdays":
		s = "mon-fri"
	case "daily":
		s = "mon-sun"
	}
	for item := range strings.SplitSeq(s, ",") {
		from, to, isRange := strings.Cut(item, "-")
		first, ok1 := weekdays[from]
		last, ok2 := weekdays[to]
		if !isRange {
			last, ok2 = first, ok1
		}
		if !ok1 || !ok2 {
			return days, fmt.Errorf("%q is not a weekday or a range such as mon-fri", item)
		}
		for wd := first; ; wd = (wd + 1) % 7 {
			days[wd] = true
			if wd == last {
				break
			}
		}
	}
	return days, nil
}

// String returns the hours in the form ParseWorkingHours reads: "09:00-17:30 mon-fri".
func (w WorkingHours) String() string {
	if !w.limited {
		return "always"
	}
	var names []string
	for i := range 7 {
		if wd := time.Weekday((i + 1) % 7); w.days[wd] {
			names = append(names, strings.ToLower(wd.String()[:3]))
		}
	}
	days := strings.Join(names, ",")
	if days == "mon,tue,wed,thu,fri" {
		days = "mon-fri"
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d %s", w.open/60, w.open%60, w.close/60, w.close%60, days)
}

// Within reports whether t is inside working hours: on an open weekday that is not a bank
// holiday (t's date in the calendar's location), at or after opening and before closing.
func (w WorkingHours) Within(t time.Time) bool {
	if !w.limited {
		return true
	}
	n := w.cal.day(t)
	return w.openDay(n) && !t.Before(w.opensAt(n)) && t.Before(w.closesAt(n))
}

// NextOpen returns t when t is within working hours, otherwise the start of the next working
// period: later today, or the opening time of the next open day, skipping closed weekdays
// and bank holidays. (Should no day open in ten years, it returns t.)
func (w WorkingHours) NextOpen(t time.Time) time.Time {
	if !w.limited {
		return t
	}
	n := w.cal.day(t)
	if w.openDay(n) {
		if open := w.opensAt(n); t.Before(open) {
			return open
		}
		if t.Before(w.closesAt(n)) {
			return t
		}
	}
	for k := int64(1); k <= maxSearchDays; k++ {
		if w.openDay(n + k) {
			return w.opensAt(n + k)
		}
	}
	return t
}
