package calendar

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDefaultHolidaysFollowTheRules recomputes the England and Wales bank holidays from the
// rules (Easter by the Gregorian computus, first and last Mondays, substitute days) for every
// year without a one-off day and compares them with what the library gives.
func TestDefaultHolidaysFollowTheRules(t *testing.T) {
	byYear := map[int][]string{}
	for _, d := range DefaultHolidays() {
		byYear[d.Year()] = append(byYear[d.Year()], d.Format(time.DateOnly))
	}
	for y := firstHolidayYear; y <= lastHolidayYear; y++ {
		if y == 2020 || y == 2022 || y == 2023 {
			continue // one-off days, checked in TestOneOffHolidays
		}
		if want := englandWales(y); !slices.Equal(byYear[y], want) {
			t.Errorf("%d\n got %v\nwant %v", y, byYear[y], want)
		}
	}
	if len(byYear) != lastHolidayYear-firstHolidayYear+1 {
		t.Errorf("holidays cover %d years, want %d", len(byYear), lastHolidayYear-firstHolidayYear+1)
	}
	brief := "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 " +
		"2026-12-28 2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 " +
		"2027-12-27 2027-12-28"
	if s := strings.Join(append(byYear[2026], byYear[2027]...), " "); s != brief {
		t.Fatalf("2026 and 2027 differ from gov.uk's list:\n got %s\nwant %s", s, brief)
	}
}

// TestHolidaysNamedYears pins years written out by hand, with their substitute days.
func TestHolidaysNamedYears(t *testing.T) {
	tests := map[int]string{
		2030: "2030-01-01 2030-04-19 2030-04-22 2030-05-06 2030-05-27 2030-08-26 2030-12-25 2030-12-26",
		// 25 and 26 December on a Saturday and Sunday: Monday and Tuesday instead.
		2032: "2032-01-01 2032-03-26 2032-03-29 2032-05-03 2032-05-31 2032-08-30 2032-12-27 2032-12-28",
		// 1 January on a Saturday: Monday 3 January instead.
		2033: "2033-01-03 2033-04-15 2033-04-18 2033-05-02 2033-05-30 2033-08-29 2033-12-26 2033-12-27",
	}
	for y, want := range tests {
		var got []string
		for _, d := range DefaultHolidays() {
			if d.Year() == y {
				got = append(got, d.Format(time.DateOnly))
			}
		}
		if s := strings.Join(got, " "); s != want {
			t.Errorf("%d:\n got %s\nwant %s", y, s, want)
		}
	}
}

// TestOneOffHolidays checks the proclaimed one-off days and the regular days they moved.
func TestOneOffHolidays(t *testing.T) {
	c := Default(time.UTC)
	for day, holiday := range map[string]bool{
		"2020-05-08": true, "2020-05-04": false, // VE Day replaced the early May holiday
		"2022-06-02": true, "2022-06-03": true, "2022-05-30": false, // Platinum Jubilee
		"2022-09-19": true, // State Funeral of Queen Elizabeth II
		"2023-05-08": true, // Coronation of King Charles III
	} {
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatal(err)
		}
		if got := !c.IsWorkingDay(d); got != holiday {
			t.Errorf("%s: holiday %v, want %v", day, got, holiday)
		}
	}
}

func TestDefaultHolidaysSorted(t *testing.T) {
	days := DefaultHolidays()
	for i := 1; i < len(days); i++ {
		if !days[i-1].Before(days[i]) {
			t.Fatalf("not strictly ascending at %v, %v", days[i-1], days[i])
		}
		if days[i].Location() != time.UTC || days[i].Hour() != 0 {
			t.Fatalf("%v: want midnight UTC", days[i])
		}
	}
}

func TestDefaultHolidaysIsACopy(t *testing.T) {
	a := DefaultHolidays()
	a[0] = time.Time{}
	if b := DefaultHolidays(); b[0].IsZero() {
		t.Fatal("DefaultHolidays shares its slice with callers")
	}
}

// englandWales lists one year's bank holidays by the rules, in date order.
func englandWales(y int) []string {
	d := func(m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	easter := easterSunday(y)
	days := []time.Time{
		substitute(d(time.January, 1)),
		easter.AddDate(0, 0, -2),
		easter.AddDate(0, 0, 1),
		nextMonday(d(time.May, 1)),
		nextMonday(d(time.May, 25)),
		nextMonday(d(time.August, 25)),
	}
	xmas := substitute(d(time.December, 25))
	boxing := substitute(d(time.December, 26))
	if !boxing.After(xmas) {
		boxing = xmas.AddDate(0, 0, 1)
	}
	days = append(days, xmas, boxing)
	var out []string
	for _, t := range days {
		out = append(out, t.Format(time.DateOnly))
	}
	return out
}

// easterSunday is the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func easterSunday(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

func nextMonday(t time.Time) time.Time {
	for t.Weekday() != time.Monday {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

func substitute(t time.Time) time.Time {
	if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		return nextMonday(t)
	}
	return t
}

func TestLoadHolidays(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, text string
		want       []string
		wantErr    string
	}{
		{"dates and comments", "# extra days\n2026-12-24 # Christmas Eve closure\n\n  2026-12-31  \n",
			[]string{"2026-12-24", "2026-12-31"}, ""},
		{"empty", "# nothing\n", nil, ""},
		{"bad date", "2026-12-24\n2026-02-30\n", nil, ":2: want a date as YYYY-MM-DD"},
		{"words", "christmas\n", nil, ":1: want a date"},
		{"two on a line", "2026-12-24 2026-12-31\n", nil, ":1: want a date"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "holidays"+string(rune('a'+i)))
			if err := os.WriteFile(path, []byte(tt.text), 0o600); err != nil {
				t.Fatal(err)
			}
			days, err := LoadHolidays(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range days {
				if d.Location() != time.UTC || d.Hour() != 0 {
					t.Errorf("%v: want midnight UTC", d)
				}
				got = append(got, d.Format(time.DateOnly))
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := LoadHolidays(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("missing file: want an error")
	}
}

// TestLoadedHolidaysCount checks that extra holidays from a file change the working days.
func TestLoadedHolidaysCount(t *testing.T) {
	loc := london(t)
	path := filepath.Join(t.TempDir(), "extra")
	if err := os.WriteFile(path, []byte("2026-12-24\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	extra, err := LoadHolidays(path)
	if err != nil {
		t.Fatal(err)
	}
	c := New(loc, append(DefaultHolidays(), extra...))
	eve := at(t, loc, "2026-12-24 09:00")
	if c.IsWorkingDay(eve) || !Default(loc).IsWorkingDay(eve) {
		t.Fatal("the loaded Christmas Eve should be a holiday only in the extended calendar")
	}
}
