package rules

// Decision values.
const (
	Permitted     = "permitted"
	NotPermitted  = "not_permitted"
	NeedsDecision = "needs_decision"
)

// Basis values of a permitted decision.
const (
	BasisConsent      = "consent"
	BasisSafeguarding = "safeguarding_enquiry"
	BasisAssumed      = "assumed_same_agency"
	BasisDeputyOrLPA  = "deputy_or_lpa"
	BasisBestInterest = "best_interest_decision"
)

// Decision is the consent decision for a piece of joint work: whether it may
// go ahead, on what basis, the rules it rests on, the practitioner's next
// step and the facts still needed (most important first).
type Decision struct {
	Decision string // permitted | not_permitted | needs_decision
	Basis    string // one of the Basis values when permitted, else ""
	Rules    []string
	NextStep string
	Missing  []string
}

// outcome is one row of the consent table, reached with every fact known.
type outcome struct {
	decision, basis string
	rules           []string
	next            string
	open            []string // facts whose answer is the open question
}

var (
	oConsent = &outcome{Permitted, BasisConsent, []string{"consent.required"},
		"Go ahead with the joint work and record the consent: who gave it, when, and for what.", nil}
	oCarerConsent = &outcome{Permitted, BasisConsent, []string{"consent.carer", "consent.required"},
		"Go ahead with the joint work and record the carer's consent.", nil}
	oSafeguarding = &outcome{Permitted, BasisSafeguarding, []string{"consent.safeguarding", "consent.required"},
		"Go ahead only as part of the safeguarding enquiry: record the enquiry as the basis and follow your safeguarding procedure.", nil}
	oAssumed = &outcome{Permitted, BasisAssumed, []string{"consent.assumed.same-agency", "consent.required"},
		"Go ahead only to arrange the service they agreed to, and record that consent was assumed on that basis; ask for consent before anything more.", nil}
	oRefused = &outcome{NotPermitted, "", []string{"consent.refused", "consent.required", "consent.safeguarding"},
		"Do not go ahead: respect and record the refusal. Only a safeguarding enquiry can proceed without consent, so raise any safeguarding concern through that procedure.", nil}
	oAskPerson = &outcome{NeedsDecision, "", []string{"consent.required"},
		"Ask the person whether they agree to the joint work, and record their answer.", []string{"consent"}}
	oAskAssess = &outcome{NeedsDecision, "", []string{"consent.required", "consent.capacity"},
		"Ask the person whether they agree; if you doubt their capacity to consent, assess it under your MCA process first.", []string{"consent", "capacity"}}
	oRefusedUnsure = &outcome{NeedsDecision, "", []string{"consent.refused", "consent.capacity", "consent.safeguarding"},
		"Do not go ahead: the refusal stands unless a capacity assessment finds the person lacks capacity to consent. Assess capacity if you doubt it.", []string{"capacity"}}
	oLPA = &outcome{Permitted, BasisDeputyOrLPA, []string{"consent.incapacity.lpa-deputy", "consent.capacity"},
		"Go ahead, and record the Deputy's or attorney's consent and their authority.", nil}
	oLPARefused = &outcome{NotPermitted, "", []string{"consent.incapacity.lpa-deputy", "consent.safeguarding"},
		"Do not go ahead: record the Deputy's or attorney's refusal. Only a safeguarding enquiry can proceed without consent.", nil}
	oBI = &outcome{Permitted, BasisBestInterest, []string{"consent.incapacity.best-interest", "consent.capacity"},
		"Go ahead in line with the recorded best interest decision.", nil}
	oNeedBI = &outcome{NeedsDecision, "", []string{"consent.incapacity.best-interest", "consent.capacity"},
		"The local authority needs to make a best interest decision first: arrange it and record it before the joint work starts.", []string{"best-interest"}}
	oCarerRefused = &outcome{NotPermitted, "", []string{"consent.carer", "consent.safeguarding"},
		"Do not go ahead with the joint work involving the carer: respect and record their refusal. A safeguarding enquiry does not override a carer's own consent.", nil}
	oAskCarer = &outcome{NeedsDecision, "", []string{"consent.carer"},
		"Ask the carer whether they agree to the joint work, and record their answer.", []string{"consent"}}
)

// decideKnown applies the consent table when every fact is known.
func decideKnown(f *Facts) *outcome {
	if f.Subject == "carer" {
		return decideCarer(f)
	}
	return decidePerson(f)
}

func decideCarer(f *Facts) *outcome {
	switch f.Consent {
	case "yes":
		return oCarerConsent
	case "no":
		return oCarerRefused
	}
	if f.Direct == "no" && f.SameAgency == "yes" && f.ArrangingService == "yes" {
		return oAssumed
	}
	return oAskCarer
}

func decidePerson(f *Facts) *outcome {
	switch f.Capacity {
	case "no":
		return decideIncapacity(f)
	case "yes":
		return decideWithCapacity(f)
	}
	sg := f.Safeguarding == "yes"
	switch {
	case f.Consent == "yes":
		return oConsent
	case sg:
		return oSafeguarding
	case f.Consent == "no":
		return oRefusedUnsure
	}
	return oAskAssess
}

func decideWithCapacity(f *Facts) *outcome {
	sg := f.Safeguarding == "yes"
	switch {
	case f.Consent == "yes":
		return oConsent
	case f.Consent == "no" && sg:
		return oSafeguarding
	case f.Consent == "no":
		return oRefused
	case f.SameAgency == "yes" && f.ArrangingService == "yes":
		return oAssumed
	case sg:
		return oSafeguarding
	}
	return oAskPerson
}

func decideIncapacity(f *Facts) *outcome {
	sg := f.Safeguarding == "yes"
	switch {
	case f.Attorney == "consents":
		return oLPA
	case f.Attorney == "refuses" && sg:
		return oSafeguarding
	case f.Attorney == "refuses":
		return oLPARefused
	case f.BestInterest == "yes":
		return oBI
	case sg:
		return oSafeguarding
	}
	return oNeedBI
}
