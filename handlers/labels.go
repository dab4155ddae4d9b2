package handlers

import (
	"regexp"

	"github.com/jointwork/jointwork/bot/escalation"
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

// toRE finds the person a ping went to in its timeline detail ("E2 to @dana: …").
var toRE = regexp.MustCompile(`\bto @([a-z0-9._-]+)`)

// actionWords are the record's words for the escalation timeline codes.
var actionWords = map[string]string{
	escalation.ActionScheduled:    "reminder scheduled",
	escalation.ActionRequested:    "escalation requested",
	escalation.ActionSent:         "escalation sent",
	escalation.ActionEscalated:    "escalation sent on",
	escalation.ActionReminded:     "reminder sent",
	escalation.ActionAcknowledged: "escalation acknowledged",
	escalation.ActionSnoozed:      "escalation snoozed",
	escalation.ActionUnrouted:     "no manager to tell",
	escalation.ActionQueued:       "kept for the daily digest",
}

// actionLabel is a timeline entry's action in words for people: "escalation
// sent to @dana" rather than "escalation.sent".
func actionLabel(e state.Entry) string {
	words, ok := actionWords[e.Action]
	if !ok {
		return e.Action
	}
	switch e.Action {
	case escalation.ActionSent, escalation.ActionEscalated, escalation.ActionReminded:
		if m := toRE.FindStringSubmatch(e.Detail); m != nil {
			words += " to @" + m[1]
		}
	}
	return words
}
