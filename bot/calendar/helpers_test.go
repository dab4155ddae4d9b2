package calendar

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below, also where the machine has no zoneinfo
)

// london loads Europe/London or fails the test.
func london(t testing.TB) *time.Location {
	t.Helper()
	return zone(t, "Europe/London")
}

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// at builds a local time in loc from "2006-01-02 15:04".
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	layout := "2006-01-02 15:04"
	if len(s) == len(time.DateOnly) {
		layout = time.DateOnly
	}
	v, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// friday is the fixed "now" of the tables: Friday 18 December 2026, 10:00 in London, a week
// before Christmas, so weekends and four bank holidays in a fortnight matter.
func friday(t testing.TB) (*Calendar, time.Time) {
	t.Helper()
	loc := london(t)
	return Default(loc), at(t, loc, "2026-12-18 10:00")
}
