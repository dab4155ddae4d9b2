package handlers

import (
	"regexp"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/privacy"
)

// Case references are pseudonymous: the bot refuses what looks like
// personal data. The checks, and why:
//
//   - 2 to 32 characters of lower-case letters, digits and single dashes
//     (typed in any case, stored lower-cased).
//   - At least one digit: case numbers are numbers, and a reference of
//     words only ("johnsmith", "mary-jones") is most likely a name.
//   - Not two or more dash-separated words of 3+ letters ("john-smith-12"):
//     that is the shape of a first name and surname. Short team prefixes
//     ("asc-12", "kent-ot-17") are fine.
//   - No run of letters equal to a first name or surname in the people
//     directory ("alex-12", "alex00"): the bot can only recognise the names
//     it knows.
//   - No date (01-02-1990, 1990-02-01, 010290, 01021990, 19900201): it may
//     be a date of birth.
//   - No run of 10 or more digits, with or without spaces or dashes
//     (485 777 3456): it may be an NHS number.
//
// No check can recognise every name; the case lead stays responsible for
// choosing a reference that identifies nobody outside the case record.
var (
	refRE       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	digitRunRE  = regexp.MustCompile(`\d[\d \-./]*\d`)
	datePartRE  = regexp.MustCompile(`\d{1,4}[\-./ ]\d{1,2}[\-./ ]\d{2,4}`)
	digitsRE    = regexp.MustCompile(`\d+`)
	wordRE      = regexp.MustCompile(`^[a-z]{3,}$`)
	letterRunRE = regexp.MustCompile(`[a-z]+`)
)

// normRef is a typed case reference without its channel form: trimmed,
// lower case, with no "#" or "jw-" ("#jw-C101" → "c101"). It checks nothing.
func normRef(raw string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimPrefix(strings.TrimSpace(raw), "#")), "jw-")
}

// checkCaseRef validates and lower-cases a typed case reference.
func checkCaseRef(raw string, people []directory.Person) (string, error) {
	// No refusal echoes the reference: it may be personal data.
	if err := privacy.CheckRef("reference", raw); err != nil {
		return "", bot.Refusef("%s", err.Error())
	}
	ref := normRef(raw)
	const example = " Use your team's case number, for example c101 or asc-2026-14."
	switch {
	case len(ref) < 2 || len(ref) > 32:
		return "", bot.Refusef("A case reference has 2 to 32 characters.%s", example)
	case !refRE.MatchString(ref):
		return "", bot.Refusef("A case reference has only letters, digits and single dashes.%s", example)
	case strings.Trim(ref, "abcdefghijklmnopqrstuvwxyz-") == "":
		return "", bot.Refusef("A case reference needs at least one digit, so that it cannot be a person's name.%s", example)
	}
	if why := personalData(ref); why != "" {
		return "", bot.Refusef("That reference looks like it holds %s: a case reference must be pseudonymous.%s", why, example)
	}
	if nameLike(ref, people) {
		return "", bot.Refusef("That reference looks like a person's name: a case reference must be pseudonymous.%s", example)
	}
	return ref, nil
}

// personalData names what text seems to contain ("an NHS number", "a date
// of birth"), or returns "".
func personalData(text string) string {
	for _, run := range digitRunRE.FindAllString(text, -1) {
		if len(onlyDigits(run)) >= 10 {
			return "an NHS number"
		}
	}
	for _, m := range datePartRE.FindAllString(text, -1) {
		if separatedDate(m) {
			return "a date of birth"
		}
	}
	for _, run := range digitsRE.FindAllString(text, -1) {
		if compactDate(run) {
			return "a date of birth"
		}
	}
	return ""
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// separatedDate reports whether "01-02-1990" or "1990-02-01" is a real date.
func separatedDate(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if len(parts) != 3 {
		return false
	}
	if len(parts[0]) == 4 {
		return validDate(parts[2], parts[1], parts[0])
	}
	return validDate(parts[0], parts[1], parts[2])
}

// compactDate reports whether a digit run is ddmmyy, ddmmyyyy or yyyymmdd.
func compactDate(run string) bool {
	switch len(run) {
	case 6:
		return validDate(run[:2], run[2:4], run[4:])
	case 8:
		return validDate(run[:2], run[2:4], run[4:]) || validDate(run[6:], run[4:6], run[:4])
	}
	return false
}

// validDate reports whether day, month and a 2- or 4-digit year (1900 to
// 2099) make a calendar date.
func validDate(d, m, y string) bool {
	layout := "02-01-2006"
	if len(y) == 2 {
		layout = "02-01-06"
	} else if len(y) != 4 || (y[:2] != "19" && y[:2] != "20") {
		return false
	}
	if len(d) == 1 {
		d = "0" + d
	}
	if len(m) == 1 {
		m = "0" + m
	}
	_, err := time.Parse(layout, d+"-"+m+"-"+y)
	return err == nil
}

// nameLike reports whether a reference has the shape of a name or holds a
// name from the directory.
func nameLike(ref string, people []directory.Person) bool {
	words := 0
	known := map[string]bool{}
	for _, p := range people {
		for _, n := range strings.Fields(strings.ToLower(p.Name)) {
			known[n] = true
		}
	}
	for _, part := range strings.Split(ref, "-") {
		if wordRE.MatchString(part) {
			words++
		}
	}
	for _, run := range letterRunRE.FindAllString(ref, -1) {
		if known[run] {
			return true // "alex-12", and "alex00" too
		}
	}
	return words >= 2
}
