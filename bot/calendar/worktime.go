package calendar

import "time"

// maxWorkingSteps bounds the day-by-day walks below (about ten years of days).
const maxWorkingSteps = maxSearchDays

// AddWorkingHours returns the instant when d of working time has passed, counting from t (or
// from NextOpen(t) when t is outside hours): 4h from Friday 16:00 with 09:00-17:30 hours is
// Monday 11:30. The result is always within working hours, so a ping due then can be sent at
// once: working time that runs out exactly at closing ends at the next opening. With
// d <= 0 it returns NextOpen(t). Without limits (zero or "always") it is t.Add(d).
func (w WorkingHours) AddWorkingHours(t time.Time, d time.Duration) time.Time {
	if !w.limited {
		return t.Add(d)
	}
	cur := w.NextOpen(t)
	for range maxWorkingSteps {
		if d <= 0 {
			return cur
		}
		end := w.closesAt(w.cal.day(cur))
		avail := end.Sub(cur)
		if d < avail {
			return cur.Add(d)
		}
		d -= avail
		cur = w.NextOpen(end)
	}
	return cur
}

// WorkingDurationBetween returns the working time from a to b: the parts of [a, b) inside
// working hours. It is negative when b is before a, and b.Sub(a) without limits. For
// d >= 0, WorkingDurationBetween(t, AddWorkingHours(t, d)) == d.
func (w WorkingHours) WorkingDurationBetween(a, b time.Time) time.Duration {
	if !w.limited {
		return b.Sub(a)
	}
	if b.Before(a) {
		return -w.WorkingDurationBetween(b, a)
	}
	var total time.Duration
	first, last := w.cal.day(a), w.cal.day(b)
	for n := first; n <= last; n++ {
		if !w.openDay(n) {
			continue
		}
		from, to := w.opensAt(n), w.closesAt(n)
		if a.After(from) {
			from = a
		}
		if b.Before(to) {
			to = b
		}
		if to.After(from) {
			total += to.Sub(from)
		}
	}
	return total
}

// AfterWorkingHours returns when the delay ends if it starts at t and is counted in working
// hours: minutes and hours are working time (AddWorkingHours, so "4h" from Friday 16:00 is
// Monday 11:30); calendar and working days are counted as After does and the end then moved
// to NextOpen. A zero delay returns NextOpen(t). The result is always within hours.
func (d Delay) AfterWorkingHours(w WorkingHours, t time.Time) time.Time {
	switch d.unit {
	case unitMinute, unitHour:
		return w.AddWorkingHours(t, d.Duration())
	}
	c := w.cal
	if c == nil {
		c = New(time.UTC, nil)
	}
	return w.NextOpen(d.After(c, t))
}

// Duration returns the delay as elapsed time when it is in minutes or hours, and 0 for days
// and working days, whose length depends on where they start (see After).
func (d Delay) Duration() time.Duration {
	switch d.unit {
	case unitMinute:
		return time.Duration(d.n) * time.Minute
	case unitHour:
		return time.Duration(d.n) * time.Hour
	}
	return 0
}

// openDay reports whether day number n is an open weekday and not a bank holiday.
func (w WorkingHours) openDay(n int64) bool {
	return w.days[weekdayOf(n)] && !w.cal.holidays[n]
}

// opensAt returns the opening instant of day number n.
func (w WorkingHours) opensAt(n int64) time.Time { return w.wall(n, w.open) }

// closesAt returns the closing instant of day number n.
func (w WorkingHours) closesAt(n int64) time.Time { return w.wall(n, w.close) }

// wall returns the instant of a wall-clock time (minutes after midnight, 24:00 being the next
// midnight) on day number n in the calendar's location.
func (w WorkingHours) wall(n int64, minutes int) time.Time {
	if minutes == 0 || minutes == 24*60 {
		return w.cal.midnight(n + int64(minutes/(24*60)))
	}
	y, m, d := w.cal.midnight(n).Date()
	return time.Date(y, m, d, minutes/60, minutes%60, 0, 0, w.cal.loc)
}
