package handlers

import (
	"testing"

	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

func TestActionLabel(t *testing.T) {
	for _, tt := range []struct {
		e    state.Entry
		want string
	}{
		{state.Entry{Action: escalation.ActionSent, Detail: "E2 to @dana: request R1 overdue"}, "escalation sent to @dana"},
		{state.Entry{Action: escalation.ActionEscalated, Detail: "E3 to @pat: task T1 overdue (E2 not acknowledged)"}, "escalation sent on to @pat"},
		{state.Entry{Action: escalation.ActionScheduled, Detail: "reminder to @chris at Mon"}, "reminder scheduled"},
		{state.Entry{Action: "case opened"}, "case opened"},
	} {
		if got := actionLabel(tt.e); got != tt.want {
			t.Errorf("actionLabel(%q) = %q, want %q", tt.e.Action, got, tt.want)
		}
	}
}

func TestBasisLabels(t *testing.T) {
	if got := basisLabel(rules.BasisDeputyOrLPA); got != "Deputy or attorney consented" {
		t.Errorf("deputy label = %q", got)
	}
	if got := consentState(&state.Consent{Decision: "permitted", Basis: rules.BasisBestInterest}); got != "Best interest decision" {
		t.Errorf("consentState = %q", got)
	}
	if got := consentState(nil); got != "Consent not recorded" {
		t.Errorf("consentState(nil) = %q", got)
	}
}
