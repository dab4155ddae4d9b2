package handlers

import (
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/directory"
)

func TestCheckCaseRef(t *testing.T) {
	people := []directory.Person{{Handle: "alex", Name: "Alex Example"}}
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "c101", want: "c101"},
		{in: "C101", want: "c101"},
		{in: "#jw-c101", want: "c101"},
		{in: "asc-2026-14", want: "asc-2026-14"},
		{in: "kent-ot-17", want: "kent-ot-17"},
		{in: "c", err: "2 to 32"},
		{in: strings.Repeat("ab", 16) + "12", err: "2 to 32"},
		{in: "c_101", err: "letters, digits and single dashes"},
		{in: "c--101", err: "letters, digits and single dashes"},
		{in: "c 101", err: "letters, digits and single dashes"},
		{in: "johnsmith", err: "at least one digit"},
		{in: "mary-jones", err: "at least one digit"},
		{in: "john-smith-12", err: "a person's name"},
		{in: "alex-12", err: "a person's name"},
		{in: "example-3", err: "a person's name"},
		{in: "4857773456", err: "NHS"},
		{in: "485-777-3456", err: "NHS"},
		{in: "nhs4857773456", err: "NHS"},
		{in: "c01-02-1990", err: "date of birth"},
		{in: "c1990-02-01", err: "date of birth"},
		{in: "jd010290", err: "date of birth"},
		{in: "jd01021990", err: "date of birth"},
		{in: "jd19900201", err: "date of birth"},
		{in: "c123456", want: "c123456"}, // 12/34/56 is not a date
		{in: "c12345678901", err: "NHS"},
		{in: "c943x476x5919", err: "NHS number"},
		{in: "943 476 5919 x", err: "NHS number"},
		{in: "smith1990", err: "a name and a year"},
		{in: "c101-SW1A 1AA", err: "postcode"},
	} {
		got, err := checkCaseRef(tc.in, people)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("checkCaseRef(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("checkCaseRef(%q) = %q, %v; want an error with %q", tc.in, got, err, tc.err)
		case tc.err != "" && len(tc.in) > 3 && strings.Contains(err.Error(), tc.in):
			t.Errorf("checkCaseRef(%q) echoes the reference: %v", tc.in, err)
		}
	}
}

func TestChannelName(t *testing.T) {
	long := strings.Repeat("a", 32) + strings.Repeat("1", 20)
	for _, tc := range []struct {
		ref  string
		try  int
		want string
	}{
		{"c101", 1, "jw-c101"},
		{"c101", 2, "jw-c101-2"},
		{long, 1, ("jw-" + long)[:50]},
		{long, 9, ("jw-" + long)[:48] + "-9"},
	} {
		if got := channelName(tc.ref, tc.try); got != tc.want || len(got) > maxChannelName {
			t.Errorf("channelName(%q, %d) = %q, want %q", tc.ref, tc.try, got, tc.want)
		}
	}
}
