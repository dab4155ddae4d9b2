package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrDelay is wrapped by the errors of ParseDelay and ParseClockStep.
var ErrDelay = errors.New("delay not understood")

// Delay is a configured wait, such as the time before an escalation goes to the next level:
// minutes, hours, calendar days or working days. The zero Delay is no wait ("0m").
type Delay struct {
	n    int
	unit delayUnit
}

type delayUnit uint8

const (
	unitMinute delayUnit = iota
	unitHour
	unitDay
	unitWorkingDay
)

// delayUnits lists each unit's spellings (the first is the one String writes), the unit, how
// many of it one counts for (a week is 7 calendar days) and the largest count accepted
// (about two years).
var delayUnits = []struct {
	names []string
	unit  delayUnit
	times int
	max   int
}{
	{[]string{"wd", "working day", "working days", "work day", "work days"}, unitWorkingDay, 1, 2 * 262},
	{[]string{"m", "min", "mins", "minute", "minutes"}, unitMinute, 1, 2 * 366 * 24 * 60},
	{[]string{"h", "hr", "hrs", "hour", "hours"}, unitHour, 1, 2 * 366 * 24},
	{[]string{"d", "day", "days", "calendar day", "calendar days"}, unitDay, 1, 2 * 366},
	{[]string{"w", "week", "weeks"}, unitDay, 7, 2 * 52},
}

const (
	maxDelayLen = 24
	delayForms  = "use a whole number with m (minutes), h (hours), d (calendar days), " +
		"w (weeks) or wd (working days), such as 30m, 4h, 3d, 2wd, 3 days or 2 working days"
)

// ParseDelay reads a delay: a whole number and a unit, with or without a space between:
// minutes ("30m", "30 min", "30 minutes"), hours ("4h", "4 hrs", "4 hours"), calendar days
// ("3d", "3 days"), weeks of calendar days ("2w", "2 weeks", kept as "14d") or working days
// ("2wd", "2 working days": weekends and the calendar's bank holidays skipped). Case and extra
// spaces are ignored; zero is allowed ("0h", no wait); up to about two years. It does not
// depend on c's contents (c may be nil): the calendar matters only in Delay.After.
func (c *Calendar) ParseDelay(s string) (Delay, error) {
	return parseDelay(s)
}

func parseDelay(s string) (Delay, error) {
	in := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if len(in) > maxDelayLen {
		return Delay{}, fmt.Errorf("%w: too long; %s", ErrDelay, delayForms)
	}
	digits := strings.IndexFunc(in, func(r rune) bool { return r < '0' || r > '9' })
	if digits > 0 {
		num, unit := in[:digits], strings.TrimPrefix(in[digits:], " ")
		for _, u := range delayUnits {
			if !slices.Contains(u.names, unit) {
				continue
			}
			if n, ok := smallNumber(num, u.max); ok {
				return Delay{n: n * u.times, unit: u.unit}, nil
			}
			break
		}
	}
	return Delay{}, fmt.Errorf("%w: %q; %s", ErrDelay, in, delayForms)
}

// After returns the instant the delay ends when it starts at t. Calendar and working days keep
// the local time of day in c's location; working days are counted with c.AddWorkingDays (so
// "1wd" from Friday 10:00 is Monday 10:00, from Saturday 10:00 also Monday 10:00). A zero
// delay returns t.
func (d Delay) After(c *Calendar, t time.Time) time.Time {
	if d.n == 0 {
		return t
	}
	switch d.unit {
	case unitHour:
		return t.Add(time.Duration(d.n) * time.Hour)
	case unitDay:
		t = t.In(c.loc)
		y, m, day := t.Date()
		hh, mm, ss := t.Clock()
		return time.Date(y, m, day+d.n, hh, mm, ss, t.Nanosecond(), c.loc)
	case unitWorkingDay:
		return c.AddWorkingDays(t, d.n)
	}
	return t.Add(time.Duration(d.n) * time.Minute)
}

// String returns the delay in the form ParseDelay reads, such as "2wd".
func (d Delay) String() string {
	for _, u := range delayUnits {
		if u.unit == d.unit {
			return fmt.Sprintf("%d%s", d.n, u.names[0])
		}
	}
	return fmt.Sprintf("%dm", d.n)
}

// IsZero reports whether the delay is no wait.
func (d Delay) IsZero() bool { return d.n == 0 }

// MarshalText writes the delay as String does.
func (d Delay) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the forms of ParseDelay, so a Delay can be a field of a configuration
// struct (envconfig, YAML).
func (d *Delay) UnmarshalText(b []byte) error {
	v, err := parseDelay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseClockStep reads a step for the console's /clock: "+3d", "+2w", "+4h", "+90m" or any
// positive Go duration such as "+1h30m"; the plus sign is optional. The step is calendar time
// (a day is 24 hours), not working days. At most 10 years.
func ParseClockStep(s string) (time.Duration, error) {
	const maxStep = 10 * 366 * 24 * time.Hour
	in := strings.ToLower(strings.TrimSpace(s))
	if len(in) > maxDelayLen {
		return 0, fmt.Errorf("%w: clock step too long; use +3d, +2w, +4h or +90m", ErrDelay)
	}
	step, ok := clockStep(strings.TrimPrefix(in, "+"))
	if !ok || step <= 0 || step > maxStep {
		return 0, fmt.Errorf("%w: clock step %q; use a positive step such as +3d, +2w, +4h or +90m",
			ErrDelay, in)
	}
	return step, nil
}

func clockStep(in string) (time.Duration, bool) {
	day := 24 * time.Hour
	for suffix, unit := range map[string]time.Duration{"d": day, "w": 7 * day} {
		if num, ok := strings.CutSuffix(in, suffix); ok {
			n, ok := smallNumber(num, 9999)
			return time.Duration(n) * unit, ok
		}
	}
	step, err := time.ParseDuration(in)
	return step, err == nil
}
