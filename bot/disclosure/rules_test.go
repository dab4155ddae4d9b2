package disclosure_test

import (
	"testing"

	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/rules"
)

// TestBasisStringsMatchRules keeps the basis strings in step with the
// consent decision, which writes them into the case state.
func TestBasisStringsMatchRules(t *testing.T) {
	pairs := []struct {
		ours   disclosure.Basis
		theirs string
	}{
		{disclosure.BasisConsent, rules.BasisConsent},
		{disclosure.BasisDeputyOrLPA, rules.BasisDeputyOrLPA},
		{disclosure.BasisBestInterest, rules.BasisBestInterest},
		{disclosure.BasisSafeguarding, rules.BasisSafeguarding},
		{disclosure.BasisAssumed, rules.BasisAssumed},
	}
	for _, p := range pairs {
		if string(p.ours) != p.theirs {
			t.Errorf("basis %q here, %q in rules", p.ours, p.theirs)
		}
	}
	if ok, _ := disclosure.Standing(rules.Permitted, rules.BasisConsent, false); !ok {
		t.Errorf("Standing does not recognise rules.Permitted (%q)", rules.Permitted)
	}
	if ok, _ := disclosure.Standing(rules.NotPermitted, rules.BasisConsent, false); ok {
		t.Errorf("Standing takes rules.NotPermitted for permitted")
	}
}
