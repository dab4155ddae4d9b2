package calendar

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestParseWorkingHours(t *testing.T) {
	c, _ := friday(t)
	tests := []struct{ in, want string }{
		{"09:00-17:30", "09:00-17:30 mon-fri"},
		{" 9:00 - 17:30 ", "09:00-17:30 mon-fri"},
		{"09:00 to 17:30 weekdays", "09:00-17:30 mon-fri"},
		{"08:00-18:00 Mon-Sat", "08:00-18:00 mon,tue,wed,thu,fri,sat"},
		{"09:00-17:00 mon, tue ,thursday", "09:00-17:00 mon,tue,thu"},
		{"09:00-17:00 fri-mon", "09:00-17:00 mon,fri,sat,sun"}, // a range may wrap
		{"00:00-24:00 daily", "00:00-24:00 mon,tue,wed,thu,fri,sat,sun"},
		{"always", "always"},
	}
	for _, tt := range tests {
		w, err := ParseWorkingHours(c, tt.in)
		if err != nil || w.String() != tt.want {
			t.Errorf("ParseWorkingHours(%q) = %q, %v; want %q", tt.in, w, err, tt.want)
			continue
		}
		again, err := ParseWorkingHours(c, w.String())
		if err != nil || again != w {
			t.Errorf("ParseWorkingHours(%q) does not read back: %v, %v", w, again, err)
		}
	}
	if got := DefaultWorkingHours(c).String(); got != "09:00-17:30 mon-fri" {
		t.Errorf("DefaultWorkingHours = %q", got)
	}
	bad := map[string]string{
		"":                                 "not understood",
		"9am-5pm":                          "not understood",
		"09:00":                            "not understood",
		"17:30-09:00":                      "closes before it opens",
		"09:00-09:00":                      "closes before it opens",
		"25:00-26:00":                      "not on the clock",
		"09:60-17:00":                      "not on the clock",
		"24:00-24:00":                      "not on the clock",
		"09:00-24:30":                      "not on the clock",
		"09:00-17:30 mon-fr":               `"mon-fr" is not a weekday`,
		"09:00-17:30 mon,,":                `"" is not a weekday`,
		"09:00-17:30 monday-friday-sunday": "is not a weekday",
	}
	for in, want := range bad {
		_, err := ParseWorkingHours(c, in)
		if !errors.Is(err, ErrWorkingHours) || !strings.Contains(err.Error(), want) ||
			!strings.Contains(err.Error(), "such as 09:00-17:30") {
			t.Errorf("ParseWorkingHours(%q) error %v; want %q and the accepted forms", in, err, want)
		}
	}
}

func TestWithinAndNextOpen(t *testing.T) {
	c, _ := friday(t)
	w := DefaultWorkingHours(c)
	tests := []struct {
		at, next string // next == at when within hours
	}{
		{"2026-12-18 10:00", "2026-12-18 10:00"}, // Friday morning
		{"2026-12-18 09:00", "2026-12-18 09:00"}, // opening is in
		{"2026-12-18 08:59", "2026-12-18 09:00"},
		{"2026-12-18 17:29", "2026-12-18 17:29"},
		{"2026-12-18 17:30", "2026-12-21 09:00"}, // Friday after closing: Monday
		{"2026-12-18 23:00", "2026-12-21 09:00"},
		{"2026-12-19 12:00", "2026-12-21 09:00"}, // Saturday
		{"2026-12-20 23:59", "2026-12-21 09:00"}, // Sunday
		{"2026-12-24 17:30", "2026-12-29 09:00"}, // Christmas, weekend, Boxing Day substitute
		{"2026-12-25 10:00", "2026-12-29 09:00"}, // Christmas Day
		{"2026-12-28 10:00", "2026-12-29 09:00"}, // a bank holiday Monday
		{"2027-03-26 10:00", "2027-03-30 09:00"}, // Good Friday to after Easter Monday
		{"2027-03-29 08:00", "2027-03-30 09:00"}, // Easter Monday
		{"2026-03-27 18:00", "2026-03-30 09:00"}, // over the clocks going forward
		{"2026-03-29 01:30", "2026-03-30 09:00"}, // inside the skipped hour
		{"2026-10-23 18:00", "2026-10-26 09:00"}, // over the clocks going back
		{"2026-10-25 01:30", "2026-10-26 09:00"}, // inside the repeated hour
	}
	for _, tt := range tests {
		from, want := at(t, c.loc, tt.at), at(t, c.loc, tt.next)
		if got := w.NextOpen(from); !got.Equal(want) {
			t.Errorf("NextOpen(%s) = %v, want %v", tt.at, got, want)
		}
		if within := w.Within(from); within != (tt.at == tt.next) {
			t.Errorf("Within(%s) = %v", tt.at, within)
		}
		if !w.Within(want) {
			t.Errorf("NextOpen(%s) = %v, not within hours", tt.at, want)
		}
	}
	// Monday 30 March 2026 09:00 is British Summer Time: 08:00 UTC.
	if got := w.NextOpen(at(t, c.loc, "2026-03-27 18:00")).UTC(); got.Hour() != 8 {
		t.Errorf("opening after the clocks go forward = %v UTC, want 08:00", got)
	}
	// 23:30 UTC on Friday 24 July 2026 is Saturday in London: closed.
	if w.Within(time.Date(2026, 7, 24, 23, 30, 0, 0, time.UTC)) {
		t.Error("Saturday 00:30 in London should be closed")
	}
}

func TestAddWorkingHours(t *testing.T) {
	c, _ := friday(t)
	w := DefaultWorkingHours(c)
	tests := []struct {
		from string
		d    time.Duration
		want string
	}{
		{"2026-12-18 16:00", 4 * time.Hour, "2026-12-21 11:30"}, // Friday to Monday
		{"2026-12-18 16:00", time.Hour, "2026-12-18 17:00"},
		{"2026-12-18 17:00", 30 * time.Minute, "2026-12-21 09:00"}, // ends at closing: next opening
		{"2026-12-18 18:00", 0, "2026-12-21 09:00"},
		{"2026-12-19 12:00", time.Hour, "2026-12-21 10:00"}, // from Saturday
		{"2026-12-21 09:00", 8*time.Hour + 30*time.Minute, "2026-12-22 09:00"},
		{"2026-12-21 09:00", 5 * (8*time.Hour + 30*time.Minute), "2026-12-30 09:00"}, // 21-24 and 29 Dec
		{"2026-12-24 16:00", 4 * time.Hour, "2026-12-29 11:30"},
		{"2027-03-25 17:00", time.Hour, "2027-03-30 09:30"}, // over Easter
		{"2026-03-27 17:00", time.Hour, "2026-03-30 09:30"}, // clocks forward
		{"2026-10-23 17:00", time.Hour, "2026-10-26 09:30"}, // clocks back
	}
	for _, tt := range tests {
		from := at(t, c.loc, tt.from)
		got := w.AddWorkingHours(from, tt.d)
		if want := at(t, c.loc, tt.want); !got.Equal(want) {
			t.Errorf("AddWorkingHours(%s, %v) = %v, want %v", tt.from, tt.d, got, want)
		}
		if back := w.WorkingDurationBetween(from, got); back != tt.d {
			t.Errorf("WorkingDurationBetween(%s, %v) = %v, want %v", tt.from, got, back, tt.d)
		}
	}
}

func TestWorkingDurationBetween(t *testing.T) {
	c, _ := friday(t)
	w := DefaultWorkingHours(c)
	day := 8*time.Hour + 30*time.Minute
	tests := []struct {
		a, b string
		want time.Duration
	}{
		{"2026-12-18 16:00", "2026-12-21 11:30", 4 * time.Hour},
		{"2026-12-18 18:00", "2026-12-21 09:00", 0},
		{"2026-12-14 09:00", "2026-12-21 09:00", 5 * day},
		{"2026-12-21 00:00", "2027-01-04 00:00", 7 * day}, // 21-24, 29-31 Dec
		{"2026-12-21 11:30", "2026-12-18 16:00", -4 * time.Hour},
		{"2026-03-23 00:00", "2026-04-06 00:00", 9 * day}, // clocks forward; Good Friday 3 Apr
	}
	for _, tt := range tests {
		got := w.WorkingDurationBetween(at(t, c.loc, tt.a), at(t, c.loc, tt.b))
		if got != tt.want {
			t.Errorf("WorkingDurationBetween(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	// Round the clock, the days the clocks change are 23 and 25 hours long.
	all, err := ParseWorkingHours(c, "00:00-24:00 daily")
	if err != nil {
		t.Fatal(err)
	}
	for a, want := range map[string]time.Duration{"2026-03-28 00:00": 47 * time.Hour,
		"2026-10-24 00:00": 49 * time.Hour} {
		from := at(t, c.loc, a)
		if got := all.WorkingDurationBetween(from, from.AddDate(0, 0, 2)); got != want {
			t.Errorf("round the clock from %s, two days = %v, want %v", a, got, want)
		}
	}
}

// TestWorkingHoursInvariants checks, for many instants and waits over two years, that the
// end of a wait is within hours and WorkingDurationBetween measures the wait back.
func TestWorkingHoursInvariants(t *testing.T) {
	c, base := friday(t)
	rng := rand.New(rand.NewPCG(15, 15))
	specs := []string{"09:00-17:30", "08:00-18:00 mon-sat", "00:00-24:00 sat,sun", "07:15-07:45 wed"}
	for _, spec := range specs {
		w, err := ParseWorkingHours(c, spec)
		if err != nil {
			t.Fatal(err)
		}
		for range 2000 {
			from := base.Add(time.Duration(rng.Int64N(int64(2*366*24*time.Hour))) - 366*24*time.Hour)
			d := time.Duration(rng.Int64N(int64(60 * time.Hour))).Truncate(time.Minute)
			open := w.NextOpen(from)
			if open.Before(from) || !w.Within(open) || w.WorkingDurationBetween(from, open) != 0 {
				t.Fatalf("%s: NextOpen(%v) = %v", spec, from, open)
			}
			end := w.AddWorkingHours(from, d)
			if !w.Within(end) || w.WorkingDurationBetween(from, end) != d {
				t.Fatalf("%s: AddWorkingHours(%v, %v) = %v, measured back as %v",
					spec, from, d, end, w.WorkingDurationBetween(from, end))
			}
		}
	}
}

func TestNoLimits(t *testing.T) {
	c, now := friday(t)
	always, err := ParseWorkingHours(c, "Always")
	if err != nil {
		t.Fatal(err)
	}
	sunday := at(t, c.loc, "2026-12-20 03:00")
	for _, w := range []WorkingHours{{}, always} {
		if !w.Within(sunday) || !w.NextOpen(sunday).Equal(sunday) ||
			!w.AddWorkingHours(sunday, time.Hour).Equal(sunday.Add(time.Hour)) ||
			w.WorkingDurationBetween(now, sunday) != sunday.Sub(now) {
			t.Errorf("%q should set no limits", w)
		}
	}
}

func TestDelayAfterWorkingHours(t *testing.T) {
	c, _ := friday(t)
	w := DefaultWorkingHours(c)
	tests := []struct{ delay, from, want string }{
		{"4h", "2026-12-18 16:00", "2026-12-21 11:30"},
		{"90 minutes", "2026-12-24 17:00", "2026-12-29 10:00"},
		{"1wd", "2026-12-18 18:00", "2026-12-22 09:00"}, // Monday 18:00, then the next opening
		{"3 days", "2026-12-24 10:00", "2026-12-29 09:00"},
		{"0h", "2026-12-19 10:00", "2026-12-21 09:00"},
		{"1 working day", "2026-12-18 10:00", "2026-12-21 10:00"},
	}
	for _, tt := range tests {
		d, err := c.ParseDelay(tt.delay)
		if err != nil {
			t.Fatal(err)
		}
		got := d.AfterWorkingHours(w, at(t, c.loc, tt.from))
		if want := at(t, c.loc, tt.want); !got.Equal(want) {
			t.Errorf("%s after %s in working hours = %v, want %v", tt.delay, tt.from, got, want)
		}
	}
	var none WorkingHours
	d, _ := c.ParseDelay("1d")
	from := at(t, c.loc, "2026-12-18 10:00")
	if got := d.AfterWorkingHours(none, from); !got.Equal(from.AddDate(0, 0, 1)) {
		t.Errorf("1d without limits = %v", got)
	}
}
