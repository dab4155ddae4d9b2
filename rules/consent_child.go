package rules

// The consent decision for a child (RULEBOOK-SPEC.md, "Children"): general
// children's law, not the Kent guidance, so every outcome carries noteChild
// and none uses Deputy, LPA or adult best-interest wording.
var (
	oChildOwnConsent = &outcome{decision: Permitted, basis: BasisConsent, rules: []string{"consent.child.young-person", "consent.child"},
		next: "Go ahead and record the young person's own consent: who gave it, when, for what, and why they could decide (16 or 17 with capacity, or under 16 and competent).",
		note: noteChild}
	oChildBothConsent = &outcome{decision: Permitted, basis: BasisConsent, rules: []string{"consent.child", "consent.child.young-person"},
		next: "Go ahead: the child and someone with parental responsibility both agree. Record both, and who holds parental responsibility.",
		note: noteChild}
	oParental = &outcome{decision: Permitted, basis: BasisParental, rules: []string{"consent.child", "consent.child.young-person"},
		next: "Go ahead and record the consent: who gave it, how they hold parental responsibility, and why the child could not decide themself.",
		note: noteChild}
	oChildProtection = &outcome{decision: Permitted, basis: BasisChildProtection, rules: []string{"consent.child.protection", "consent.child"},
		next: "Go ahead only as far as the child protection enquiry (s47) or the risk of significant harm makes it necessary: record why, and follow your local safeguarding children partnership's procedures.",
		note: noteChild}
	oChildRefused = &outcome{decision: NotPermitted, rules: []string{"consent.child", "consent.child.young-person", "consent.child.protection"},
		next: "Do not go ahead: record the refusal. Without consent, only a child protection enquiry (s47) or a risk of significant harm can justify going ahead, under your local safeguarding children partnership's procedures.",
		note: noteChild}
	oAskYoungPerson = &outcome{decision: NeedsDecision, rules: []string{"consent.child.young-person", "consent.child"},
		next: "Ask the young person whether they agree to the joint work and record their answer; at 16 or 17 capacity is presumed, so assess it only if there is a reason to doubt it.",
		open: []string{"consent"}, note: noteChild}
	oAskParent = &outcome{decision: NeedsDecision, rules: []string{"consent.child", "consent.child.young-person"},
		next: "Ask someone with parental responsibility whether they consent, and record who they are and their answer; the child's own yes is not enough while they cannot decide themself.",
		open: []string{"parental-consent"}, note: noteChild}
	oChildCompetence = &outcome{decision: NeedsDecision, rules: []string{"consent.child.young-person", "consent.child"},
		next: "Find out whether the child is competent to decide this themself (Gillick): if they are, their own answer counts; if not, someone with parental responsibility decides.",
		open: []string{"competent"}, note: noteChild}
)

// decideChild: the young person decides when they can (16–17 with capacity,
// presumed; under 16 when competent); otherwise someone with parental
// responsibility. Without consent, child protection can make it necessary.
// When an under-16's competence is not assessed and the two routes disagree,
// competence is the open question.
func decideChild(f *Facts) *outcome {
	switch childCanDecide(f) {
	case "yes":
		return decideYoungPerson(f)
	case "no":
		return decideByParent(f)
	}
	a, b := decideYoungPerson(f), decideByParent(f)
	switch {
	case sameOutcome(a, b):
		return a
	case a.decision == Permitted && b.decision == Permitted && f.ChildProtection == "yes":
		return oChildProtection
	case a.decision == Permitted && b.decision == Permitted:
		return oChildBothConsent
	}
	return oChildCompetence
}

// childCanDecide is "yes", "no" or "unknown" (an under-16 not assessed).
func childCanDecide(f *Facts) string {
	switch {
	case f.Age == "16-17" && f.Capacity == "no":
		return "no"
	case f.Age == "16-17":
		return "yes"
	case f.Competent == "yes" || f.Competent == "no":
		return f.Competent
	}
	return "unknown"
}

func decideYoungPerson(f *Facts) *outcome {
	switch {
	case f.Consent == "yes":
		return oChildOwnConsent
	case f.ChildProtection == "yes":
		return oChildProtection
	case f.Consent == "no":
		return oChildRefused
	}
	return oAskYoungPerson
}

func decideByParent(f *Facts) *outcome {
	switch {
	case f.ParentalConsent == "yes":
		return oParental
	case f.ChildProtection == "yes":
		return oChildProtection
	case f.ParentalConsent == "no":
		return oChildRefused
	}
	return oAskParent
}
