package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func FuzzParseDue(f *testing.F) {
	for _, s := range []string{"2026-12-01", "today", "tomorrow", "+3d", "+2w", "fri",
		"next friday", "Monday", "2026-02-30", "+9999d", "", "next", "  SAT  "} {
		f.Add(s, int64(0))
	}
	c, base := friday(f)
	f.Fuzz(func(t *testing.T, s string, shift int64) {
		// now anywhere from about two years before to two years after the base.
		now := base.Add(time.Duration(shift%(2*366*24)) * time.Hour)
		due, err := c.ParseDue(s, now)
		if err != nil {
			if !errors.Is(err, ErrDueForm) && !errors.Is(err, ErrDuePast) &&
				!errors.Is(err, ErrDueTooFar) {
				t.Fatalf("ParseDue(%q) error %v wraps none of the sentinels", s, err)
			}
			return
		}
		today := c.Date(now)
		if due.Before(today) {
			t.Fatalf("ParseDue(%q, %v) = %v, in the past", s, now, due)
		}
		if !due.Equal(c.Date(due)) || due.Location() != c.loc {
			t.Fatalf("ParseDue(%q) = %v, not the start of a day in %v", s, due, c.loc)
		}
		if due.After(today.AddDate(2, 0, 1)) {
			t.Fatalf("ParseDue(%q, %v) = %v, more than 2 years ahead", s, now, due)
		}
		if !c.EndOfDay(due).After(now) {
			t.Fatalf("ParseDue(%q, %v) = %v, already passed", s, now, due)
		}
	})
}

func FuzzParseDelay(f *testing.F) {
	for _, s := range []string{"4h", "30m", "2wd", "3d", "0h", "+3d", "+90m", "+1h30m",
		"524wd", "-4h", "1e9h", ""} {
		f.Add(s, int64(0))
	}
	c, base := friday(f)
	f.Fuzz(func(t *testing.T, s string, shift int64) {
		from := base.Add(time.Duration(shift%(2*366*24*60)) * time.Minute)
		if d, err := c.ParseDelay(s); err == nil {
			again, err := c.ParseDelay(d.String())
			if err != nil || again != d {
				t.Fatalf("ParseDelay(%q) = %v, which reads back as %v, %v", s, d, again, err)
			}
			if end := d.After(c, from); end.Before(from) || (!d.IsZero() && !end.After(from)) {
				t.Fatalf("%v after %v = %v", d, from, end)
			}
		} else if !errors.Is(err, ErrDelay) {
			t.Fatalf("ParseDelay(%q) error %v does not wrap ErrDelay", s, err)
		}
		if step, err := ParseClockStep(s); err == nil && step <= 0 {
			t.Fatalf("ParseClockStep(%q) = %v, not positive", s, step)
		}
	})
}

func FuzzParseDuePrefix(f *testing.F) {
	for _, s := range []string{"next fri Call the GP", "end of next week x", "in 3 working days",
		"3 Dec 2027 visit", "03/12 y", "3/12/26", "Dec 3rd", "29 feb", "nxt fri", "in a week",
		"this sat", "+2wd z", "31/12/2028", ""} {
		f.Add(s, int64(0))
	}
	c, base := friday(f)
	f.Fuzz(func(t *testing.T, s string, shift int64) {
		now := base.Add(time.Duration(shift%(2*366*24)) * time.Hour)
		words := strings.Fields(s)
		due, used, err := c.ParseDuePrefix(words, now)
		if err != nil {
			if used != 0 || (!errors.Is(err, ErrDueForm) && !errors.Is(err, ErrDuePast) &&
				!errors.Is(err, ErrDueTooFar)) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("ParseDuePrefix(%q) = %d, %v", s, used, err)
			}
			return
		}
		if used < 1 || used > len(words) || used > 4 {
			t.Fatalf("ParseDuePrefix(%q) used %d of %d words", s, used, len(words))
		}
		if due.Before(c.Date(now)) || !due.Equal(c.Date(due)) {
			t.Fatalf("ParseDuePrefix(%q, %v) = %v: past, or not the start of a day", s, now, due)
		}
		phrase := strings.Join(words[:used], " ")
		if len(phrase) <= maxDueLen {
			if whole, err := c.ParseDue(phrase, now); err != nil || !whole.Equal(due) {
				t.Fatalf("ParseDue(%q) = %v, %v; the prefix gave %v", phrase, whole, err, due)
			}
		}
	})
}

func FuzzParseWorkingHours(f *testing.F) {
	for _, s := range []string{"09:00-17:30", "08:00-18:00 mon-sat", "always", "9-5", "24:00-24:00",
		"09:00-17:00 fri-mon", "09:00-17:00 mon,,tue", "00:00-24:00 daily"} {
		f.Add(s, int64(0), int64(0))
	}
	c, base := friday(f)
	f.Fuzz(func(t *testing.T, s string, shift, wait int64) {
		w, err := ParseWorkingHours(c, s)
		if err != nil {
			if !errors.Is(err, ErrWorkingHours) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("ParseWorkingHours(%q) error %q", s, err)
			}
			return
		}
		if again, err := ParseWorkingHours(c, w.String()); err != nil || again != w {
			t.Fatalf("ParseWorkingHours(%q) = %v, which reads back as %v, %v", s, w, again, err)
		}
		from := base.Add(time.Duration(shift%(366*24*60)) * time.Minute)
		d := time.Duration(wait%(100*60)) * time.Minute
		if d < 0 {
			d = -d
		}
		end := w.AddWorkingHours(from, d)
		if !w.Within(end) || w.WorkingDurationBetween(from, end) != d {
			t.Fatalf("%v: AddWorkingHours(%v, %v) = %v", w, from, d, end)
		}
	})
}
