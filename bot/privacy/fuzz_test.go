package privacy

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// separator returns the separator form b stands for: none, or one to
// three separator characters with at most one letter.
func separator(b byte) string {
	forms := []string{"", " ", "-", ".", "x", " - ", "\u2014", "\u00a0", "-.", "X", " x ", "--", ". ", "\u2013", "\t", "a-"}
	return forms[int(b)%len(forms)]
}

// nhsNumber makes a valid NHS number from seed: nine digits and the check
// digit (the ninth digit moves until one exists).
func nhsNumber(seed uint64) [10]byte {
	var nine [9]byte
	for i := range nine {
		nine[i] = byte(seed % 10)
		seed /= 10
	}
	for {
		if d, ok := NHSCheckDigit(nine); ok {
			var out [10]byte
			copy(out[:], nine[:])
			out[9] = d
			return out
		}
		nine[8] = (nine[8] + 1) % 10
	}
}

// format writes the digits with seps[i] chosen for the gap after digit i.
func format(d [10]byte, seps []byte) string {
	var b strings.Builder
	for i, x := range d {
		b.WriteByte('0' + x)
		if i < 9 && len(seps) > 0 {
			b.WriteString(separator(seps[i%len(seps)]))
		}
	}
	return b.String()
}

// embed puts s between prefix and suffix, keeping a digit-group boundary
// on both sides (a digit touching the number makes it a longer number).
func embed(prefix, s, suffix string) string {
	if prefix != "" && isDigit(prefix[len(prefix)-1]) {
		prefix += "#"
	}
	if suffix != "" && isDigit(suffix[0]) {
		suffix = "#" + suffix
	}
	return prefix + s + suffix
}

func FuzzScanNoPanic(f *testing.F) {
	for _, s := range append(ordinary, "NHS 943 476 5919, DOB 01/02/1990", "c943x476x5919", "smith1990", "\xff\xfe1", "Mr ", "DOB") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Scan(s)
		r := ScanRef(s)
		if k != None && r == None {
			t.Errorf("ScanRef is not stricter than Scan on %q: %q vs none", s, k)
		}
		if err := CheckText("task", s); err != nil && !utf8.ValidString(err.Error()) {
			t.Errorf("message is not UTF-8")
		}
	})
}

func FuzzNHSNumberCaught(f *testing.F) {
	f.Add(uint64(943476591), []byte{0, 0, 1, 0, 0, 1}, "NHS ", ", DOB")
	f.Add(uint64(401023213), []byte{4, 4, 4}, "c", "")
	f.Add(uint64(123456789), []byte{2}, "ref 12 ", " x")
	f.Fuzz(func(t *testing.T, seed uint64, seps []byte, prefix, suffix string) {
		d := nhsNumber(seed)
		s := embed(prefix, format(d, seps), suffix)
		if !hasNHSNumber(s) {
			t.Errorf("valid NHS number not caught in %q", s)
		}
		if Scan(s) != NHSNumber || ScanRef(s) != NHSNumber {
			t.Errorf("Scan/ScanRef miss %q", s)
		}
	})
}

// TestGeneratedNHSNumbers runs the fuzz property over many generated
// numbers in every separator form, and checks that a wrong check digit is
// not taken for an NHS number.
func TestGeneratedNHSNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		d := nhsNumber(rng.Uint64())
		seps := []byte{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256))}
		s := format(d, seps)
		if !hasNHSNumber(embed("see ", s, " today")) {
			t.Fatalf("missed %q", s)
		}
		bad := d
		bad[9] = (bad[9] + 1 + byte(rng.IntN(9))) % 10
		if hasNHSNumber(format(bad, seps)) {
			t.Fatalf("%q has a wrong check digit but was caught", format(bad, seps))
		}
	}
}
