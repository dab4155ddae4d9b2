package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a retention period in calendar units ("8y", "18m", "90d", or
// "off" for never), so that "8 years after closure" means the same date
// eight years on, leap days included.
type Period struct {
	Years, Months, Days int
}

// ParsePeriod reads "8y", "18m", "90d" or "off".
func ParsePeriod(s string) (Period, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "off" || s == "never" {
		return Period{}, nil
	}
	if len(s) < 2 {
		return Period{}, fmt.Errorf("want a number and y, m or d (such as 8y), or off; got %q", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 200 {
		return Period{}, fmt.Errorf("want a number from 1 to 200 and y, m or d (such as 8y), or off; got %q", s)
	}
	switch s[len(s)-1] {
	case 'y':
		return Period{Years: n}, nil
	case 'm':
		return Period{Months: n}, nil
	case 'd':
		return Period{Days: n}, nil
	}
	return Period{}, fmt.Errorf("want y, m or d after the number (such as 8y), or off; got %q", s)
}

// Off reports whether the period is "off" (keep for ever).
func (p Period) Off() bool { return p == Period{} }

// Cutoff is the moment a record must be older than at now to be purged.
func (p Period) Cutoff(now time.Time) time.Time {
	return now.AddDate(-p.Years, -p.Months, -p.Days)
}

// Retention holds the retention settings (see README "Retention").
type Retention struct {
	CaseRetention    string `envconfig:"RETENTION" default:"8y" desc:"how long a closed case is kept after it closed before the daily purge removes it (8y, 18m, 90d or off)"`
	ConcernRetention string `envconfig:"CONCERN_RETENTION" default:"2y" desc:"how long a concern about a practitioner is kept after it was raised (the named officer keeps the record; off = for ever)"`
}

// Periods returns the parsed case and concern periods (validated by Load).
func (r Retention) Periods() (cases, concerns Period) {
	cases, _ = ParsePeriod(r.CaseRetention)
	concerns, _ = ParsePeriod(r.ConcernRetention)
	return cases, concerns
}

func (r Retention) validate(bad func(name, format string, args ...any)) {
	if _, err := ParsePeriod(r.CaseRetention); err != nil {
		bad("RETENTION", "%v", err)
	}
	if _, err := ParsePeriod(r.ConcernRetention); err != nil {
		bad("CONCERN_RETENTION", "%v", err)
	}
}
