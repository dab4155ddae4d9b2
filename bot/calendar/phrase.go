package calendar

import (
	"strings"
	"time"
)

// maxPhraseWords is the longest date phrase, as in "end of next week" or "in 3 working days".
const maxPhraseWords = 4

// weekdays maps "friday" and "fri" (and so on) to their weekday.
var weekdays = func() map[string]time.Weekday {
	m := make(map[string]time.Weekday, 16)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := strings.ToLower(wd.String())
		m[name], m[name[:3]] = wd, wd
	}
	m["tues"], m["thur"], m["thurs"] = time.Tuesday, time.Thursday, time.Thursday
	return m
}()

// months maps "december" and "dec" (and so on, with "sept") to their month.
var months = func() map[string]time.Month {
	m := make(map[string]time.Month, 25)
	for mo := time.January; mo <= time.December; mo++ {
		name := strings.ToLower(mo.String())
		m[name], m[name[:3]] = mo, mo
	}
	m["sept"] = time.September
	return m
}()

// numberWords lets "in a week" and "in two days" read like "in 1 week" and "in 2 days".
var numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
	"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// resolvePhrase turns lower-case words into a day number, or reports that they are not
// one whole date phrase. The caller checks the past and the two-year limit.
func (c *Calendar) resolvePhrase(w []string, today int64) (int64, bool) {
	switch len(w) {
	case 1:
		return c.resolveWord(w[0], today)
	case 2:
		if day, ok := resolveWeekdayPhrase(w[0], w[1], today); ok {
			return day, true
		}
		if day, ok := resolveDayMonth(w[0], w[1], "", today); ok {
			return day, true
		}
		if day, ok := resolveDayMonth(w[1], w[0], "", today); ok {
			return day, true
		}
		return c.resolveCount(w[0], w[1:], today)
	case 3:
		switch {
		case w[0] == "end" && w[1] == "of" && w[2] == "week":
			return resolveWeekdayPhrase("this", "fri", today)
		case w[0] == "in":
			return c.resolveCount(w[1], w[2:], today)
		}
		if day, ok := resolveDayMonth(w[0], w[1], w[2], today); ok {
			return day, true
		}
		if day, ok := resolveDayMonth(w[1], w[0], w[2], today); ok {
			return day, true
		}
		return c.resolveCount(w[0], w[1:], today)
	case 4:
		switch {
		case w[0] == "end" && w[1] == "of" && w[2] == "next" && w[3] == "week":
			return resolveWeekdayPhrase("next", "fri", today)
		case w[0] == "in":
			return c.resolveCount(w[1], w[2:], today)
		}
	}
	return 0, false
}

// resolveWord reads the one-word forms: today, tomorrow, a weekday, +3d, 3d, +2wd, +2w,
// an ISO date, 03/12 and 3/12/2026.
func (c *Calendar) resolveWord(in string, today int64) (int64, bool) {
	switch in {
	case "today":
		return today, true
	case "tomorrow":
		return today + 1, true
	}
	if wd, ok := weekdays[in]; ok {
		return today + daysUntil(today, wd, 1), true
	}
	if d, err := time.Parse(time.DateOnly, in); err == nil {
		return dayNum(d.Date()), true
	}
	if strings.Contains(in, "/") {
		return resolveSlashDate(in, today)
	}
	return c.resolveOffset(strings.TrimPrefix(in, "+"), today)
}

// resolveWeekdayPhrase reads "next fri" (the Friday of next week, weeks running Monday to
// Sunday) and "this fri" (the first Friday on or after today).
func resolveWeekdayPhrase(which, name string, today int64) (int64, bool) {
	wd, ok := weekdays[name]
	if !ok {
		return 0, false
	}
	switch which {
	case "this":
		return today + daysUntil(today, wd, 0), true
	case "next":
		monday := today + 7 - mondayIndex(weekdayOf(today))
		return monday + mondayIndex(wd), true
	}
	return 0, false
}

// daysUntil counts the days from today to the next wd, at least min (0 or 1) days ahead.
func daysUntil(today int64, wd time.Weekday, min int64) int64 {
	k := (int64(wd) - int64(weekdayOf(today)) + 7) % 7
	if k < min {
		k += 7
	}
	return k
}

// mondayIndex numbers the days of a week that starts on Monday: Monday 0, Sunday 6.
func mondayIndex(wd time.Weekday) int64 {
	return (int64(wd) + 6) % 7
}

// resolveCount reads "3 days" (calendar days), "2 weeks" and "3 working days" after today,
// with n spelled in digits or as a small word ("a week").
func (c *Calendar) resolveCount(num string, unit []string, today int64) (int64, bool) {
	n, ok := numberWords[num]
	if !ok {
		if n, ok = smallNumber(num, maxDueNumber); !ok || n == 0 {
			return 0, false
		}
	}
	switch strings.Join(unit, " ") {
	case "day", "days", "calendar day", "calendar days":
		return today + int64(n), true
	case "week", "weeks":
		return today + 7*int64(n), true
	case "working day", "working days", "work day", "work days":
		return c.addWorkingDaysFrom(today, n), true
	}
	return 0, false
}

// resolveOffset reads "3d" and "2wd" (working days) or "2w" (calendar weeks) after today.
func (c *Calendar) resolveOffset(s string, today int64) (int64, bool) {
	for _, u := range []struct {
		suffix string
		week   bool
	}{{"wd", false}, {"d", false}, {"w", true}} {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		n, ok := smallNumber(num, maxDueNumber)
		if !ok || n == 0 {
			return 0, false
		}
		if u.week {
			return today + 7*int64(n), true
		}
		return c.addWorkingDaysFrom(today, n), true
	}
	return 0, false
}

// addWorkingDaysFrom returns the day number n working days after day.
func (c *Calendar) addWorkingDaysFrom(day int64, n int) int64 {
	if n > 366*maxDueYears { // surely too far; spare the counting
		return day + 7*int64(n)
	}
	k := int64(0)
	for ; n > 0; n-- {
		k++
		for !c.working(day + k) {
			k++
		}
	}
	return day + k
}

// resolveSlashDate reads 03/12 and 3/12/2026 (or 3/12/26) in UK order, day first.
func resolveSlashDate(in string, today int64) (int64, bool) {
	parts := strings.Split(in, "/")
	if len(parts) < 2 || len(parts) > 3 || len(parts[1]) > 2 {
		return 0, false
	}
	mo, ok := smallNumber(parts[1], 12)
	if !ok {
		return 0, false
	}
	year := ""
	if len(parts) == 3 {
		if year = parts[2]; len(year) == 2 {
			year = "20" + year
		}
	}
	return resolveDayMonth(parts[0], time.Month(mo).String(), year, today)
}

// resolveDayMonth reads a day ("3", "03" or "3rd"), a month name and an optional 4-digit
// year. Without a year the date is the next one on or after today: this year's, or next
// year's when this year's has passed.
func resolveDayMonth(dayText, monthText, yearText string, today int64) (int64, bool) {
	mo, ok := months[strings.ToLower(monthText)]
	if !ok {
		return 0, false
	}
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if t, ok := strings.CutSuffix(dayText, suffix); ok {
			dayText = t
			break
		}
	}
	if len(dayText) > 2 {
		return 0, false
	}
	d, ok := smallNumber(dayText, 31)
	if !ok || d == 0 {
		return 0, false
	}
	if yearText != "" {
		y, ok := smallNumber(yearText, 9999)
		if !ok || len(yearText) != 4 {
			return 0, false
		}
		return civilDay(y, mo, d)
	}
	y, _, _ := time.Unix(today*86400, 0).UTC().Date()
	for _, year := range []int{y, y + 1} {
		if day, ok := civilDay(year, mo, d); ok && day >= today {
			return day, true
		}
	}
	return 0, false
}

// civilDay numbers a date, refusing impossible ones such as 30 February.
func civilDay(y int, m time.Month, d int) (int64, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m || t.Day() != d {
		return 0, false
	}
	return dayNum(y, m, d), true
}
