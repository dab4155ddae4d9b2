package privacy

import "regexp"

var (
	// nameYearRE is a run of 3+ letters and a year from 1900 to 2099 at the
	// end of the reference, or a year followed by such a run ("smith1990",
	// "jones-2001", "1990smith"). "asc-2026-14" is a team prefix, a year
	// and a number, and passes.
	nameYearRE = regexp.MustCompile(`(?i)(?:(?:^|[^a-z])[a-z]{3,}[-_.]?(?:19|20)\d{2}$|^(?:19|20)\d{2}[-_.]?[a-z]{3,}(?:[^a-z]|$))`)
	// leadingRunRE is 9 or more digits at the start, separators allowed.
	leadingRunRE = regexp.MustCompile(`^\d(?:[\s\-.]?\d){8}`)
	// anyRunRE is 10 or more digits anywhere, separators allowed.
	anyRunRE = regexp.MustCompile(`\d(?:[\s\-.]?\d){9}`)
)

// ScanRef is the stricter guard for case references and titles: all of
// Scan, plus a name followed by a year, a leading run of nine or more
// digits, and any run of ten digits (valid NHS number or not).
func ScanRef(ref string) Kind {
	if k := Scan(ref); k != None {
		return k
	}
	switch {
	case nameYearRE.MatchString(ref):
		return NameYear
	case leadingRunRE.MatchString(ref), anyRunRE.MatchString(ref):
		return LongNumber
	}
	return None
}

// Error refuses a field that holds personal data. Its message is one line,
// names the field and the kind of data, never echoes it, and suggests the
// pseudonymous reference.
type Error struct {
	Field string // "task", "reason", "case reference" ...
	Kind  Kind
	Ref   bool // a case reference or title, not free text
}

// Error returns the one-line message for the user.
func (e *Error) Error() string {
	if e.Ref {
		return "A case " + orField(e.Field, "reference") + " must be pseudonymous, and this one seems to hold " + e.Kind.what() +
			". Nothing was saved. Use your team's case number instead, for example c101 or asc-2026-14."
	}
	return "The " + orField(e.Field, "text") + " seems to hold " + e.Kind.what() +
		". Nothing was saved or shown. Take it out and refer to the person only by the case's pseudonymous reference (for example c101)."
}

func orField(f, def string) string {
	if f == "" {
		return def
	}
	return f
}

// CheckText returns an *Error when free text holds personal data, else nil.
func CheckText(field, text string) error {
	if k := Scan(text); k != None {
		return &Error{Field: field, Kind: k}
	}
	return nil
}

// CheckRef returns an *Error when a case reference or title (field
// "reference" or "title") holds personal data, else nil.
func CheckRef(field, ref string) error {
	if k := ScanRef(ref); k != None {
		return &Error{Field: field, Kind: k, Ref: true}
	}
	return nil
}
