package calendar

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

//go:embed holidays_ew.txt
var holidaysEW []byte

var defaultHolidays = sync.OnceValue(func() []time.Time {
	days, err := parseHolidays(bytes.NewReader(holidaysEW), "holidays_ew.txt")
	if err != nil {
		panic(fmt.Sprintf("calendar: embedded holidays: %v", err)) // covered by tests
	}
	return days
})

// DefaultHolidays returns the England and Wales bank holidays for 2026 and 2027 shipped with
// the package, as dates at midnight UTC. The slice is a fresh copy; append extra holidays
// (from LoadHolidays) to it and pass the result to New.
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
