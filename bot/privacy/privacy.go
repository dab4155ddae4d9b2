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

	// postcodeRE is a full UK postcode: a real postcode area, a district,
	// and an inward code whose letters are never C, I, K, M, O or V.
	postcodeRE = regexp.MustCompile(`(?i)\b(?:` + areas + `)\d[a-z\d]?\s?\d[abd-hjlnp-uw-z]{2}\b`)
	ordinalRE  = regexp.MustCompile(`\d(?:st|nd|rd|th)\b`) // lower case: "2nd", not "8TH"

	// titledRE is a title and a capitalised surname, with an optional initial.
	titledRE = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS|MS|MISS|DR)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][A-Za-z'’\-]+`)
)

// areas are the UK postcode areas, longest first within each letter.
const areas = `AB|AL|BA|BB|BD|BH|BL|BN|BR|BS|BT|B|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|` +
	`EC|EH|EN|EX|E|FK|FY|GL|GU|GY|G|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|` +
	`LA|LD|LE|LL|LN|LS|LU|L|ME|MK|ML|M|NE|NG|NN|NP|NR|NW|N|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|` +
	`SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|S|TA|TD|TF|TN|TQ|TR|TS|TW|UB|WA|WC|WD|WF|WN|WR|WS|WV|W|YO|ZE`

// Scan reports the first kind of personal data found in free text, or
// None. It looks for NHS numbers, labelled dates of birth, UK postcodes and
// "Mr Surname" forms.
func Scan(text string) Kind {
	switch {
	case hasNHSNumber(text):
		return NHSNumber
	case birthRE.MatchString(text):
		return BirthDate
	case hasPostcode(text):
		return Postcode
	case hasTitledName(text):
		return TitledName
	}
	return None
}

// hasPostcode finds a postcode whose inward code is not a lower-case
// ordinal ("S1 2nd floor" is not a postcode; "B33 8TH" is).
func hasPostcode(text string) bool {
	if !postcodeRE.MatchString(text) {
		return false
	}
	for _, m := range postcodeRE.FindAllStringIndex(text, -1) {
		in := text[m[1]-3 : m[1]]
		if !ordinalRE.MatchString(in) {
			return true
		}
	}
	return false
}

// hasTitledName finds a title and surname, ignoring the few capitalised
// words that follow a title in ordinary practice text ("Dr appointment" is
// lower case and never matches; "MS Teams" is the software).
func hasTitledName(text string) bool {
	if !titledRE.MatchString(text) {
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
