package privacy

import "regexp"

// Kind is what a guard found. It never carries the matched text.
type Kind string

// Kinds of finding ("" is none).
const (
	None       Kind = ""
	NHSNumber  Kind = "nhs-number"
	BirthDate  Kind = "date-of-birth"
	Postcode   Kind = "postcode"
	TitledName Kind = "titled-name"
	NameYear   Kind = "name-and-year" // case references only
	LongNumber Kind = "long-number"   // case references only
)

// what names a finding in a user message.
func (k Kind) what() string {
	switch k {
	case NHSNumber:
		return "an NHS number"
	case BirthDate:
		return "a date of birth"
	case Postcode:
		return "a postcode"
	case TitledName:
		return "a person's name (Mr, Mrs, Ms, Miss, Mx or Dr and a surname)"
	case NameYear:
		return "a name and a year (perhaps a year of birth)"
	case LongNumber:
		return "a long number (perhaps an NHS or other identifying number)"
	}
	return "personal data"
}

var (
	month = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|` +
		`sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	day      = `\d{1,2}(?:st|nd|rd|th)?`
	year     = `(?:\d{4}|'?\d{2})`
	sep      = `(?:\s?[/.\-]\s?|\s)`
	dateExpr = `(?:\d{1,4}` + sep + `\d{1,2}` + sep + `\d{2,4}` + // 01/02/1990, 1990-02-01, 01 02 1990
		`|` + day + `\s+(?:of\s+)?` + month + `,?\s+` + year + // 1 Feb 1990, 1st of February '90
		`|` + month + `\s+` + day + `,?\s+` + year + // February 1, 1990
		`|` + month + `\s+\d{4}` + // February 1990
		`|(?:19|20)\d{2}\b` + // 1990
		`|\d{6}(?:\d{2})?\b)` // 010290, 01021990
	// birthRE is a birth-date label followed closely by a date.
	birthRE = regexp.MustCompile(`(?i)(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bbirthday\b|\bborn\b)` +
		`\s*(?:[:=\-–]\s*)?(?:(?:on|in|is)\s+)?` + dateExpr)

	// titledRE is a title and a capitalised surname, with an optional initial.
	titledRE = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS|MS|MISS|DR)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][A-Za-z'’\-]+`)
)

// Scan reports the first kind of personal data found in free text, or
// None. It looks for NHS numbers, labelled dates of birth, UK postcodes and
// "Mr Surname" forms.
func Scan(text string) Kind {
	switch {
	case hasNHSNumber(text):
		return NHSNumber
	case hasBirthLabel(text) && birthRE.MatchString(text):
		return BirthDate
	case hasPostcode(text):
		return Postcode
	case hasTitledName(text):
		return TitledName
	}
	return None
}

// hasTitledName finds a title and surname, ignoring the few capitalised
// words that follow a title in ordinary practice text ("Dr appointment" is
// lower case and never matches; "MS Teams" is the software).
func hasTitledName(text string) bool {
	if !hasTitle(text) || !titledRE.MatchString(text) {
		return false
	}
	for _, m := range titledRE.FindAllString(text, -1) {
		if !notSurname(m) {
			return true
		}
	}
	return false
}

var notSurnameRE = regexp.MustCompile(`^(?:MS|Ms)\.?\s+(?:Teams|Word|Excel|Forms|Outlook|Office)$`)

func notSurname(m string) bool { return notSurnameRE.MatchString(m) }

// hasBirthLabel is a cheap prefilter for birthRE: does a birth-date label
// ("dob", "d.o.b", "birth", "born", any case) appear at all? One pass.
func hasBirthLabel(s string) bool {
	for i := 0; i < len(s); i++ {
		switch lower(s[i]) {
		case 'd':
			if hasFoldAt(s, i, "dob") || hasFoldAt(s, i, "d.o.b") {
				return true
			}
		case 'b':
			if hasFoldAt(s, i, "birth") || hasFoldAt(s, i, "born") {
				return true
			}
		}
	}
	return false
}

// hasTitle is a cheap prefilter for titledRE: "Mr", "Ms", "Mx", "Mi(ss)"
// or "Dr" in either case of the second letter.
func hasTitle(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case 'M':
			switch s[i+1] {
			case 'r', 's', 'x', 'i', 'R', 'S', 'I':
				return true
			}
		case 'D':
			if s[i+1] == 'r' || s[i+1] == 'R' {
				return true
			}
		}
	}
	return false
}

// hasFoldAt reports whether s holds the lower-case ASCII word w at i, in
// any case.
func hasFoldAt(s string, i int, w string) bool {
	if i+len(w) > len(s) {
		return false
	}
	for j := 0; j < len(w); j++ {
		if lower(s[i+j]) != w[j] {
			return false
		}
	}
	return true
}
