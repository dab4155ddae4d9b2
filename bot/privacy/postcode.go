package privacy

import "strings"

// areas are the UK postcode areas.
const areas = "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY " +
	"E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY " +
	"L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM " +
	"S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"

// areaTable[a][b] is true for the area of letters a and b (b = 0: one letter).
var areaTable = func() (t [26][27]bool) {
	for _, a := range strings.Fields(areas) {
		second := 0
		if len(a) == 2 {
			second = int(a[1]-'A') + 1
		}
		t[a[0]-'A'][second] = true
	}
	return t
}()

// hasPostcode reports whether text holds a full UK postcode, in any case,
// with or without the space: a real area, a district ("SW1A", "M1"), and an
// inward code of a digit and two letters that are never C, I, K, M, O or V.
// A lower-case ordinal ("S1 2nd floor") is not a postcode; "B33 8TH" is.
// It allocates nothing.
func hasPostcode(s string) bool {
	for i := 0; i < len(s); i++ {
		if (i == 0 || !isAlnum(s[i-1])) && isLetter(rune(s[i])) && postcodeAt(s, i) {
			return true
		}
	}
	return false
}

func postcodeAt(s string, i int) bool {
	a := lower(s[i]) - 'a'
	j := i + 1
	second := 0
	if j < len(s) && isLetter(rune(s[j])) {
		second = int(lower(s[j])-'a') + 1
		j++
	}
	if !areaTable[a][second] || j >= len(s) || !isDigit(s[j]) {
		return false
	}
	j++
	if inwardAt(s, j) {
		return true
	}
	return j < len(s) && isAlnum(s[j]) && inwardAt(s, j+1)
}

// inwardAt matches an optional space, a digit and two inward letters ending
// a word.
func inwardAt(s string, k int) bool {
	if k < len(s) && s[k] == ' ' {
		k++
	}
	if k+3 > len(s) || !isDigit(s[k]) || !inwardLetter(s[k+1]) || !inwardLetter(s[k+2]) {
		return false
	}
	if k+3 < len(s) && isAlnum(s[k+3]) {
		return false
	}
	switch s[k+1 : k+3] {
	case "st", "nd", "rd", "th":
		return false
	}
	return true
}

func inwardLetter(b byte) bool {
	if !isLetter(rune(b)) {
		return false
	}
	switch lower(b) {
	case 'c', 'i', 'k', 'm', 'o', 'v':
		return false
	}
	return true
}

func lower(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func isAlnum(b byte) bool { return isDigit(b) || isLetter(rune(b)) }
