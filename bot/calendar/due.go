package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Errors from ParseDue and ParseDuePrefix; test with errors.Is. The error messages
// themselves are one line written for chat users (they do not repeat these texts).
var (
	// ErrDueForm means the text is not one of the accepted forms (see DueForms).
	ErrDueForm = errors.New("due date not understood")
	// ErrDuePast means the date is before today.
	ErrDuePast = errors.New("due date is in the past")
	// ErrDueTooFar means the date is more than two years after today.
	ErrDueTooFar = errors.New("due date is more than 2 years ahead")
)

// DueForms lists, for help texts and error messages, the due date forms ParseDue accepts.
const DueForms = "a date such as 3 Dec, Dec 3, 03/12 or 3/12/2026 (day first) or 2026-12-03; " +
	"today, tomorrow; a weekday such as fri (the next one after today), this fri (today if " +
	"it is Friday), next fri (the Friday of next week); end of week, end of next week; " +
	"in 3 days, in 2 weeks, in 3 working days; +3d or +2wd (working days), +2w (weeks)"

// DueHint is the short suggestion at the end of a "can't read" error.
const DueHint = "try next fri, 3 Dec or 03/12"

const (
	maxDueLen    = 32
	maxDueNumber = 9999 // a larger count is refused before any counting
	maxDueYears  = 2
)

// dueError is an error for chat users that wraps one of the sentinels.
type dueError struct {
	kind error
	msg  string
}

func (e *dueError) Error() string { return e.msg }
func (e *dueError) Unwrap() error { return e.kind }

// ParseDue reads a due date typed by a user as one phrase and returns that DATE: midnight at
// its start in the calendar's location (the due date has passed at EndOfDay). Case, extra
// spaces and surrounding spaces are ignored; the whole text must be one of the forms of
// ParseDuePrefix. Input longer than 32 characters is refused.
func (c *Calendar) ParseDue(s string, now time.Time) (time.Time, error) {
	in := strings.Join(strings.Fields(s), " ")
	if len(in) > maxDueLen {
		return time.Time{}, &dueError{ErrDueForm, fmt.Sprintf(
			"That date is too long (at most %d characters); %s", maxDueLen, DueHint)}
	}
	words := strings.Fields(in)
	due, used, err := c.ParseDuePrefix(words, now)
	if err == nil && used < len(words) {
		err = cantRead(in)
	}
	return due, err
}

// ParseDuePrefix reads the LONGEST date phrase at the start of words (at most 4 words) and
// says how many words it used, so that in "next fri Call the GP" the date is next Friday and
// the text starts at words[2]. Dates are relative to now's date in the calendar's location:
//
//	2026-12-03, 3 Dec, 3rd December, Dec 3, 3 Dec 2026, Dec 3 2026
//	03/12, 3/12/2026, 3/12/26   UK order, day first. Without a year: this year's date, or
//	                            next year's when this year's has passed
//	today, tomorrow
//	fri, friday                 the first Friday after today, never today
//	this fri                    the first Friday on or after today (today if it is Friday)
//	next fri, next friday       the Friday of NEXT week, weeks running Monday to Sunday: on
//	                            Monday 14 Dec, Thursday 17 or Friday 18 it is Friday 25; on
//	                            Saturday 19 and Sunday 20 (weekend ending "this" week) also 25
//	end of week                 the same as this fri; end of next week: the same as next fri
//	in 3 days, 3 days           calendar days; in 2 weeks, 2 weeks; "a", "one" … "ten" too
//	in 3 working days           working days, skipping weekends and bank holidays
//	+3d, 3d, +2wd, 2wd          working days (Friday +1d is Monday); +2w, 2w calendar weeks
//
// It refuses unknown words, impossible dates (30 Feb), dates before today and dates more
// than 2 years after today, with one-line errors for chat users wrapping ErrDueForm,
// ErrDuePast or ErrDueTooFar. On success 1 <= used <= min(4, len(words)). A date on a
// weekend or bank holiday is returned without error; callers may warn (IsWorkingDay).
func (c *Calendar) ParseDuePrefix(words []string, now time.Time) (due time.Time, used int, err error) {
	today := c.day(now)
	lower := make([]string, 0, maxPhraseWords)
	for _, w := range words[:min(len(words), maxPhraseWords)] {
		if len(w) > maxDueLen {
			break
		}
		lower = append(lower, strings.ToLower(w))
	}
	for n := len(lower); n >= 1; n-- {
		day, ok := c.resolvePhrase(lower[:n], today)
		if !ok {
			continue
		}
		if err := c.checkRange(day, today); err != nil {
			return time.Time{}, 0, err
		}
		return c.midnight(day), n, nil
	}
	return time.Time{}, 0, cantRead(guessPhrase(words))
}

// checkRange refuses a day before today or more than two years after it.
func (c *Calendar) checkRange(day, today int64) error {
	if day < today {
		return &dueError{ErrDuePast, fmt.Sprintf("%s is before today (%s)",
			c.format(day), c.format(today))}
	}
	if limit := c.yearsAhead(today, maxDueYears); day > limit {
		return &dueError{ErrDueTooFar, fmt.Sprintf(
			"%s is more than %d years ahead; pick a date up to %s",
			c.format(day), maxDueYears, c.format(limit))}
	}
	return nil
}

// cantRead is the error for text that is no date form.
func cantRead(phrase string) error {
	if phrase == "" {
		return &dueError{ErrDueForm, "A date is missing; " + DueHint}
	}
	if len(phrase) > maxDueLen {
		phrase = strings.ToValidUTF8(phrase[:maxDueLen], "") + "…"
	}
	return &dueError{ErrDueForm, fmt.Sprintf("I can't read %q as a date; %s", phrase, DueHint)}
}

// guessPhrase picks the words the user probably meant as a date, for the error message: the
// first word and any date-like words straight after it ("nxt fri", "32 Dec").
func guessPhrase(words []string) string {
	if len(words) == 0 {
		return ""
	}
	n := 1
	for n < min(len(words), maxPhraseWords) && dateWord(strings.ToLower(words[n])) {
		n++
	}
	return strings.Join(words[:n], " ")
}

// dateWord reports whether w is vocabulary of the date forms.
func dateWord(w string) bool {
	if _, ok := weekdays[w]; ok {
		return true
	}
	if _, ok := months[w]; ok {
		return true
	}
	switch w {
	case "of", "week", "next", "working", "day", "days", "weeks":
		return true
	}
	_, err := strconv.Atoi(strings.TrimRight(w, "stndrh"))
	return err == nil
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

// format writes a day for people: "Fri 18 Dec 2026".
func (c *Calendar) format(day int64) string {
	return c.midnight(day).Format("Mon 2 Jan 2006")
}
