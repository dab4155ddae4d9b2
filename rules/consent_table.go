package rules

// outcome is one row of the consent table, reached with every fact known.
type outcome struct {
	decision, basis string
	rules           []string
	next            string
	open            []string // facts whose answer is the open question
	note            string   // general law relied on, outside the guidance
}

// Notes on law outside the two source documents.
const (
	notePresumed = "Capacity is presumed unless it is shown otherwise (Mental Capacity Act 2005, s1(2)): general law, not the Kent guidance."
	noteLPA      = "Only a health and welfare LPA, or a Deputy with that power, can consent; a property and financial affairs LPA cannot, and next of kin have no authority as such (Mental Capacity Act 2005: general law, not the Kent guidance)."
	noteCarer    = "The Kent guidance does not cover a carer who lacks capacity to consent; the Mental Capacity Act 2005 applies (general law, not the guidance)."
	noteChild    = "This rests on general children's law (Children Act 1989; Gillick competence under 16; the Mental Capacity Act 2005 from 16), not on the Kent guidance: check it against your local safeguarding children partnership's procedures."
)

var (
	oConsent = &outcome{decision: Permitted, basis: BasisConsent, rules: []string{"consent.required"},
		next: "Go ahead with the joint work and record the consent: who gave it, when, and for what."}
	oCarerConsent = &outcome{decision: Permitted, basis: BasisConsent, rules: []string{"consent.carer", "consent.required"},
		next: "Go ahead with the joint work and record the carer's consent."}
	oSafeguarding = &outcome{decision: Permitted, basis: BasisSafeguarding, rules: []string{"consent.safeguarding", "consent.required"},
		next: "Go ahead only as part of the safeguarding enquiry: record the enquiry as the basis and follow your safeguarding procedure."}
	oAssumed = &outcome{decision: Permitted, basis: BasisAssumed, rules: []string{"consent.assumed.same-agency", "consent.required"},
		next: "Go ahead only to arrange the service they agreed to, with colleagues of your own agency, and record that consent was assumed on that basis; ask for consent before anything more."}
	oRefused = &outcome{decision: NotPermitted, rules: []string{"consent.refused", "consent.required", "consent.safeguarding"},
		next: "Do not go ahead: respect and record the refusal. Only a safeguarding enquiry can proceed without consent, so raise any safeguarding concern through that procedure."}
	oRefusedPresumed = &outcome{decision: NotPermitted, rules: []string{"consent.refused", "consent.capacity", "consent.required", "consent.safeguarding"},
		next: "Do not go ahead: capacity is presumed, so the refusal stands. Assess capacity only if there is a reason to doubt it; only a safeguarding enquiry can proceed without consent.",
		note: notePresumed}
	oAskPerson = &outcome{decision: NeedsDecision, rules: []string{"consent.required"},
		next: "Ask the person whether they agree to the joint work, and record their answer.", open: []string{"consent"}}
	oAskPresumed = &outcome{decision: NeedsDecision, rules: []string{"consent.required", "consent.capacity"},
		next: "Ask the person whether they agree to the joint work and record their answer; capacity is presumed, so assess it only if there is a reason to doubt it.",
		open: []string{"consent"}, note: notePresumed}
	oLPA = &outcome{decision: Permitted, basis: BasisDeputyOrLPA, rules: []string{"consent.incapacity.lpa-deputy", "consent.capacity"},
		next: "Go ahead, and record the Deputy's or attorney's consent and their authority: check it is a health and welfare LPA or a Deputy order with that power.",
		note: noteLPA}
	oLPARefused = &outcome{decision: NotPermitted, rules: []string{"consent.incapacity.lpa-deputy", "consent.safeguarding"},
		next: "Do not go ahead: record the Deputy's or attorney's refusal. Only a safeguarding enquiry can proceed without consent.", note: noteLPA}
	oBI = &outcome{decision: Permitted, basis: BasisBestInterest, rules: []string{"consent.incapacity.best-interest", "consent.capacity"},
		next: "Go ahead in line with the recorded best interest decision."}
	oNeedBI = &outcome{decision: NeedsDecision, rules: []string{"consent.incapacity.best-interest", "consent.capacity"},
		next: "The local authority needs to make a best interest decision first (the person's own yes is not valid consent while they lack capacity to consent): arrange it and record it before the joint work starts.",
		open: []string{"best-interest"}}
	oCarerRefused = &outcome{decision: NotPermitted, rules: []string{"consent.carer", "consent.safeguarding"},
		next: "Do not go ahead with the joint work involving the carer: respect and record their refusal. A safeguarding enquiry does not override a carer's own consent; if the carer is the adult at risk, record them as the person."}
	oAskCarer = &outcome{decision: NeedsDecision, rules: []string{"consent.carer"},
		next: "Ask the carer whether they agree to the joint work, and record their answer.", open: []string{"consent"}}
	oCarerNoCapacity = &outcome{decision: NeedsDecision, rules: []string{"consent.carer", "consent.capacity"},
		next: "Do not go ahead with joint work involving the carer yet, and do not treat their yes as consent: the guidance is silent on a carer who lacks capacity, so seek advice (your manager or legal team) and record it.",
		note: noteCarer}
)

// decideKnown applies the consent table when every fact is known.
func decideKnown(f *Facts) *outcome {
	switch f.Subject {
	case "carer":
		return decideCarer(f)
	case "child":
		return decideChild(f)
	}
	return decidePerson(f)
}

// decideCarer: a carer's own consent decides; no safeguarding override.
// Kent lets the "person or carer"'s consent be assumed for same-agency work
// solely arranging an agreed service, which is indirect work.
func decideCarer(f *Facts) *outcome {
	switch {
	case f.Capacity == "no":
		return oCarerNoCapacity
	case f.Consent == "yes":
		return oCarerConsent
	case f.Consent == "no":
		return oCarerRefused
	case f.Direct == "no" && f.SameAgency == "yes" && f.ArrangingService == "yes":
		return oAssumed
	}
	return oAskCarer
}

// decidePerson: capacity "unknown" is presumed capacity (MCA 2005 s1(2)),
// except that assumed consent needs capacity known.
func decidePerson(f *Facts) *outcome {
	if f.Capacity == "no" {
		return decideIncapacity(f)
	}
	switch {
	case f.Consent == "yes":
		return oConsent
	case f.Safeguarding == "yes":
		return oSafeguarding
	case f.Consent == "no" && f.Capacity == "yes":
		return oRefused
	case f.Consent == "no":
		return oRefusedPresumed
	case f.Capacity == "yes" && f.SameAgency == "yes" && f.ArrangingService == "yes":
		return oAssumed
	case f.Capacity == "yes":
		return oAskPerson
	}
	return oAskPresumed
}

// decideIncapacity: the person's own yes or no is not a decision. A lawful
// basis the person's side gave (a Deputy or attorney, or the LA's best
// interest decision where no Deputy/LPA refused) comes first; a safeguarding
// enquiry is the route when there is none.
func decideIncapacity(f *Facts) *outcome {
	sg := f.Safeguarding == "yes"
	switch {
	case f.Attorney == "consents":
		return oLPA
	case f.Attorney != "refuses" && f.BestInterest == "yes":
		return oBI
	case sg:
		return oSafeguarding
	case f.Attorney == "refuses":
		return oLPARefused
	}
	return oNeedBI
}
