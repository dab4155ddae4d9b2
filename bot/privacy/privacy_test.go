package privacy

import (
	"errors"
	"strings"
	"testing"
)

func TestScanFinds(t *testing.T) {
	tests := []struct {
		text string
		want Kind
	}{
		{"NHS 943 476 5919, DOB 01/02/1990", NHSNumber},
		{"943-476-5919", NHSNumber},
		{"943.476.5919", NHSNumber},
		{"9434765919", NHSNumber},
		{"943x476x5919", NHSNumber},
		{"c943x476x5919", NHSNumber},
		{"ref 943 - 476 - 5919 please", NHSNumber},
		{"number 9434 765 919 on the letter", NHSNumber},
		{"943\u2013476\u20135919", NHSNumber},
		{"call back about 12 943 476 5919", NHSNumber},
		{"DOB 01/02/1990", BirthDate},
		{"dob: 1.2.90", BirthDate},
		{"D.O.B. 1990-02-01", BirthDate},
		{"born 1 Feb 1990", BirthDate},
		{"she was born on 1st February 1990", BirthDate},
		{"born in 1990", BirthDate},
		{"Date of birth: 01 02 1990", BirthDate},
		{"date of birth - February 1, 1990", BirthDate},
		{"birthdate 010290", BirthDate},
		{"Birthday is March 1987", BirthDate},
		{"lives at SW1A 1AA", Postcode},
		{"M1 1AE", Postcode},
		{"postcode B33 8TH", Postcode},
		{"moved to ec1a1bb last week", Postcode},
		{"spoke to Mrs Smith", TitledName},
		{"Mr J. Patel called", TitledName},
		{"Dr. Okafor will review", TitledName},
		{"Miss Jones", TitledName},
		{"letter for MR SMITH", TitledName},
		{"Mx Taylor", TitledName},
	}
	for _, tt := range tests {
		if got := Scan(tt.text); got != tt.want {
			t.Errorf("Scan(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// ordinary is practice text that must pass the guard.
var ordinary = []string{
	"Chase the OT assessment, due 3 Dec",
	"T12 done, R7 accepted; see T3 tomorrow at 10:30",
	"Home visit booked for 14:00 on 02/12, bring the moving and handling plan",
	"Call the ward on 01632 960123 ext 4411",
	"Reablement starts 1 Feb 2026 for six weeks",
	"Direct Payment review is due 2026-03-01",
	"Set up an MS Teams call with the district nurse",
	"GP appointment moved; Dr appointment letter is on file",
	"Born Free is the name of the day centre's film club",
	"The carer was born abroad and speaks Polish at home",
	"Ask about DOB on the referral form, it is missing",
	"S1 2nd floor flat, key safe code given by phone",
	"Level 2 service co-ordination agreed, next review in 6 weeks",
	"Budget of £1,250.00 per 4 weeks agreed by panel",
	"Case c101 and asc-2026-14 are linked",
	"Meeting at 9.30 in room B12 with the school SENCo",
	"Two carers, 4 calls a day, 45 minutes each, 7 days",
	"Order 12 pads and 3 boxes of gloves",
	"Invoice 123456789 paid",
	"Follow up on 3/12 and 10/12",
	"The Mrs and Mr roles in the form need updating",
	"Bed 7 on ward 22, discharge expected Thursday",
	"Ring 0800 123 4567 for the equipment service",
	"Asked Missing Persons unit? no, not needed",
	"Version 1.2.3 of the care plan template",
	"Placement 01/02/2026-03/04/2026 agreed",
	"Phones: 01632 960123 / 01632 960456",
	"Spoke to Dr about the meds; Dr's letter received",
	"Section 42 enquiry opened, s42 form sent",
	"Week 1 2nd visit done, W1 2nd floor office",
	"Mum and dad attended; the young person (16) joined by phone",
	"Hospital ref: ward 12, bay 3, bed 4",
	"MS Word template attached; MS Forms survey sent",
	"Safeguarding strategy meeting Tue 10:00-11:30",
	"Reviewed 12.03.26, next 12.06.26",
}

func TestOrdinaryTextPasses(t *testing.T) {
	for _, s := range ordinary {
		if k := Scan(s); k != None {
			t.Errorf("Scan(%q) = %q, want none", s, k)
		}
	}
}

func TestScanRef(t *testing.T) {
	tests := []struct {
		ref  string
		want Kind
	}{
		{"c101", None},
		{"asc-2026-14", None},
		{"kent-ot-17", None},
		{"mash-42", None},
		{"c1990", None},
		{"smith1990", NameYear},
		{"jones-2001", NameYear},
		{"1990smith", NameYear},
		{"c943x476x5919", NHSNumber},
		{"943476591", LongNumber},
		{"943-476-591x", LongNumber},
		{"c1234567890", LongNumber},
		{"sw1a1aa", Postcode},
	}
	for _, tt := range tests {
		if got := ScanRef(tt.ref); got != tt.want {
			t.Errorf("ScanRef(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

func TestErrorsNeverEchoAndAreOneLine(t *testing.T) {
	secret := "NHS 943 476 5919"
	err := CheckText("task", secret)
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != NHSNumber {
		t.Fatalf("CheckText = %v", err)
	}
	for _, e := range []error{err, CheckRef("reference", "smith1990"), CheckRef("", "c943x476x5919"), CheckText("", "Mrs Smith")} {
		msg := e.Error()
		if strings.ContainsAny(msg, "\n") || strings.Contains(msg, "5919") || strings.Contains(msg, "smith") || strings.Contains(msg, "Smith") {
			t.Errorf("message echoes or spans lines: %q", msg)
		}
		if !strings.Contains(msg, "c101") {
			t.Errorf("message does not suggest a pseudonymous reference: %q", msg)
		}
	}
	if CheckText("task", "chase the OT report") != nil || CheckRef("reference", "c101") != nil {
		t.Error("clean input refused")
	}
	if k := Kind("other"); k.what() != "personal data" {
		t.Errorf("unknown kind reads %q", k.what())
	}
}

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		nine  [9]byte
		digit byte
		ok    bool
	}{
		{[9]byte{9, 4, 3, 4, 7, 6, 5, 9, 1}, 9, true},
		{[9]byte{4, 0, 1, 0, 2, 3, 2, 1, 3}, 7, true},
		{[9]byte{0, 0, 0, 0, 0, 0, 0, 1, 1}, 6, true},   // 1×3 + 1×2 = 5, 11-5 = 6
		{[9]byte{0, 0, 0, 0, 0, 0, 0, 0, 6}, 10, false}, // 12 mod 11 = 1: no valid digit
	}
	for _, tt := range tests {
		d, ok := NHSCheckDigit(tt.nine)
		if d != tt.digit || ok != tt.ok {
			t.Errorf("NHSCheckDigit(%v) = %d,%v want %d,%v", tt.nine, d, ok, tt.digit, tt.ok)
		}
	}
	if hasNHSNumber("0000000061") || !hasNHSNumber("0000000116") {
		t.Error("hasNHSNumber disagrees with the check digit")
	}
}
