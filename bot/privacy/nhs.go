package privacy

import "unicode/utf8"

// Separators between digit groups of an NHS number: up to maxSep
// characters, each a space, tab, no-break space, dash (ASCII, en or em) or
// dot, with at most one ASCII letter among them ("943 476 5919",
// "943-476-5919", "943x476x5919", "943 - 476 - 5919"). Slashes, colons and
// commas end a number, so dates written 01/02/2026 and times never join.
const maxSep = 3

// hasNHSNumber reports whether s holds ten digits, starting and ending on
// digit-group boundaries and joined only by separators, that pass the NHS
// Modulus 11 check. It allocates nothing.
func hasNHSNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) && (i == 0 || !isDigit(s[i-1])) && nhsAt(s, i) {
			return true
		}
	}
	return false
}

// nhsAt collects ten digits from the group starting at i and checks them.
func nhsAt(s string, i int) bool {
	var d [10]byte
	n := 0
	for n < 10 {
		for i < len(s) && isDigit(s[i]) {
			if n == 10 {
				return false // the tenth digit is inside a group
			}
			d[n] = s[i] - '0'
			n++
			i++
		}
		if n == 10 {
			break
		}
		next, ok := skipSep(s, i)
		if !ok {
			return false
		}
		i = next
	}
	return validNHS(d)
}

// skipSep returns the index after a separator at i, if one is there and a
// digit follows it.
func skipSep(s string, i int) (int, bool) {
	count, letters := 0, 0
	for i < len(s) && count <= maxSep {
		if isDigit(s[i]) {
			return i, count > 0
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isLetter(r):
			letters++
			if letters > 1 {
				return 0, false
			}
		case !isSepRune(r):
			return 0, false
		}
		count++
		i += size
	}
	return 0, false
}

func isSepRune(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '-', '\u2013', '\u2014', '.':
		return true
	}
	return false
}

// validNHS applies the Modulus 11 check: weights 10 down to 2 on the first
// nine digits; 11 minus the remainder is the check digit (11 counts as 0,
// 10 makes the number invalid).
func validNHS(d [10]byte) bool {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]) * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9])
}

// NHSCheckDigit returns the check digit for nine digits, and false when no
// digit makes them a valid NHS number. Tests and fixtures use it to make
// valid numbers; it is not needed to detect them.
func NHSCheckDigit(nine [9]byte) (byte, bool) {
	sum := 0
	for i, x := range nine {
		sum += int(x) * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return byte(check), check != 10
}

func isDigit(b byte) bool  { return b >= '0' && b <= '9' }
func isLetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }
