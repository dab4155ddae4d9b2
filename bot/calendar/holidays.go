package calendar

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2/gb"
)

// The years DefaultHolidays covers: from the first year the library's England and Wales
// rules include every one-off day (VE Day 2020, the 2022 jubilee, the 2023 coronation) to
// far beyond any due date the bot accepts.
const (
	firstHolidayYear = 2020
	lastHolidayYear  = 2199
)

// oneOffHolidays are England and Wales bank holidays proclaimed for one year that the
// library does not list.
var oneOffHolidays = []time.Time{
	time.Date(2022, time.September, 19, 0, 0, 0, 0, time.UTC), // State Funeral of Queen Elizabeth II
}

var defaultHolidays = sync.OnceValue(func() []time.Time {
	var days []time.Time
	for y := firstHolidayYear; y <= lastHolidayYear; y++ {
		for _, h := range gb.Holidays {
			if _, observed := h.Calc(y); !observed.IsZero() {
				days = append(days, utcDate(observed))
			}
		}
	}
	days = append(days, oneOffHolidays...)
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	return slices.Compact(days)
})

// utcDate returns t's calendar date at midnight UTC.
func utcDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DefaultHolidays returns the England and Wales bank holidays from 2020 to 2199, worked out
// by github.com/rickar/cal/v2/gb (fixed and moving days, substitute days for weekends,
// one-off days), as dates at midnight UTC in date order. The slice is a fresh copy; append
// extra holidays (from LoadHolidays) to it and pass the result to New.
func DefaultHolidays() []time.Time {
	return slices.Clone(defaultHolidays())
}

// LoadHolidays reads extra or replacement bank holidays from a file (the JOINTWORK_HOLIDAYS
// setting): one YYYY-MM-DD per line; blank lines and text after # are ignored. The dates come
// back at midnight UTC, in file order.
func LoadHolidays(path string) ([]time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load holidays: %w", err)
	}
	defer f.Close()
	days, err := parseHolidays(f, path)
	if err != nil {
		return nil, fmt.Errorf("load holidays: %w", err)
	}
	return days, nil
}

// parseHolidays reads the holiday file format; name is used in error messages.
func parseHolidays(r io.Reader, name string) ([]time.Time, error) {
	var days []time.Time
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		d, err := time.Parse(time.DateOnly, text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: want a date as YYYY-MM-DD, got %q", name, line, text)
		}
		days = append(days, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return days, nil
}
