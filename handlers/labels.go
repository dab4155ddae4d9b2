package handlers

import (
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

// basisLabels are the words people read for each lawful basis code.
var basisLabels = map[string]string{
	rules.BasisConsent:         "Person consented",
	rules.BasisDeputyOrLPA:     "Deputy or attorney consented",
	rules.BasisBestInterest:    "Best interest decision",
	rules.BasisSafeguarding:    "Safeguarding enquiry",
	rules.BasisAssumed:         "Same agency: consent assumed",
	rules.BasisParental:        "Parent consented",
	rules.BasisChildProtection: "Child protection enquiry",
}

// basisLabel is a basis code in words; an unknown code is shown as it is.
func basisLabel(code string) string {
	if s, ok := basisLabels[code]; ok {
		return s
	}
	return code
}

// consentState is a case's consent in a few words for lists:
// "Deputy or attorney consented", "Consent withdrawn", "Consent not recorded".
func consentState(c *state.Consent) string {
	switch {
	case c == nil:
		return "Consent not recorded"
	case c.Withdrawn:
		return "Consent withdrawn"
	case c.Basis != "":
		return basisLabel(c.Basis)
	}
	w := decisionWords(c.Decision)
	if w == "" {
		return "Consent not recorded"
	}
	return "Consent: " + w
}
