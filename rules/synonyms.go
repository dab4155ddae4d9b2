package rules

// concept is a set of surface forms (words, phrases, abbreviations) that mean
// the same thing to a practitioner. Wherever a form appears, in a rule or in a
// question, the analyser adds the concept token "~name", so "LPA" matches
// "Lasting Power of Attorney". Forms are matched on stems before stop words
// are dropped. With replace, the form's own words are dropped (idioms such as
// "means well"). An entity concept (who or where, not what about) counts
// less in a question than a topic does. negated names a concept added when a negation ("no", "not",
// "without", …) comes just before the form ("no deputy" → ~nolpa).
type concept struct {
	name    string
	replace bool
	entity  bool // people, professions and places: incidental in a question, so weighed less
	negated string
	forms   []string
}

// offTopicConcept names the concept of words from outside the rulebook.
const offTopicConcept = "offtopic"

// negators open a negated concept when they come up to three words before it.
var negators = setOf("no not without nobody none neither nor never")

// concepts is the synonym and abbreviation table.
var concepts = []concept{
	// abbreviations and professions
	{name: "lpa", negated: "nolpa", forms: []string{"lpa", "lpas", "lasting power of attorney", "power of attorney", "poa", "attorney", "attorneys"}},
	{name: "deputy", negated: "nolpa", forms: []string{"deputy", "deputies", "court appointed deputy", "court of protection"}},
	{name: "mca", forms: []string{"mca", "mental capacity act", "mental capacity", "capacity assessment", "capacity act"}},
	{name: "capacity", forms: []string{"capacity", "lacks capacity", "lack capacity", "incapacity", "dementia", "alzheimers", "learning disability", "cognitive impairment", "brain injury", "confused", "mca"}},
	{name: "bi", forms: []string{"bi", "bid", "best interest", "best interests", "best interest decision"}},
	{name: "chc", forms: []string{"chc", "continuing health care", "nhs continuing health care", "continuing care", "fast track"}},
	{name: "dp", forms: []string{"dp", "dps", "direct payment", "direct payments", "personal budget"}},
	{name: "mdt", forms: []string{"mdt", "mdts", "multi disciplinary team", "multi disciplinary meeting", "multi disciplinary", "multi professional meeting", "professionals meeting"}},
	{name: "ot", entity: true, forms: []string{"ot", "ots", "occupational therapist", "occupational therapists", "occupational therapy"}},
	{name: "physio", entity: true, forms: []string{"physio", "physios", "physiotherapist", "physiotherapists", "physiotherapy"}},
	{name: "salt", entity: true, forms: []string{"salt", "slt", "speech and language therapist", "speech and language therapy", "speech therapist"}},
	{name: "sw", entity: true, forms: []string{"sw", "social worker", "social workers", "social work"}},
	{name: "nurse", entity: true, forms: []string{"nurse", "nurses", "district nurse", "community nurse", "dn", "dns", "cpn", "practice nurse", "nursing team", "health visitor", "health visitors", "hv", "school nurse", "midwife"}},
	{name: "gp", entity: true, forms: []string{"gp", "gps", "general practitioner", "doctor", "doctors", "family doctor", "surgery"}},
	{name: "s42", forms: []string{"s42", "s 42", "section 42", "safeguarding enquiry", "safeguarding investigation", "adult protection enquiry", "strategy meeting", "strategy discussion"}},
	{name: "safeguarding", forms: []string{"safeguarding", "safeguard", "abuse", "abused", "neglect", "exploitation", "adult protection", "child protection", "s42"}},
	{name: "tac", forms: []string{"tac", "team around the child", "taf", "team around the family"}},
	{name: "la", entity: true, forms: []string{"la", "local authority", "local authorities", "council", "councils", "county council", "adult social care", "asc", "social services"}},
	{name: "health", entity: true, forms: []string{"nhs", "health", "hospital", "hospitals", "trust", "icb", "ccg", "health service", "clinical"}},
	{name: "education", entity: true, forms: []string{"teacher", "teachers", "school", "schools", "college", "education", "senco", "teaching assistant"}},
	{name: "imca", forms: []string{"imca", "independent mental capacity advocate", "advocate", "unbefriended"}},
	{name: "otheragency", entity: true, forms: []string{"police", "housing", "housing officer", "probation", "ambulance", "paramedic", "paramedics", "voluntary sector", "charity", "dwp", "job centre", "youth offending"}},
	{name: "cmht", entity: true, forms: []string{"cmht", "community mental health team", "mental health team"}},
	{name: "reablement", entity: true, forms: []string{"reablement", "rehab", "rehabilitation", "intermediate care"}},

	// people
	{name: "person", entity: true, forms: []string{"person", "client", "clients", "service user", "service users", "resident", "customer", "patient", "patients", "pt", "pts", "su", "sus", "individual", "adult", "vulnerable adult", "older person", "elderly"}},
	{name: "carer", forms: []string{"carer", "carers", "unpaid carer", "family carer", "caregiver", "care giver", "informal carer", "parent carer", "young carer"}},
	{name: "child", entity: true, forms: []string{"child", "children", "kid", "kids", "baby", "babies", "toddler", "infant", "young person", "young people", "yp", "cyp", "youngster", "teenager", "teen", "pupil", "student"}},
	{name: "family", entity: true, forms: []string{"parent", "parents", "mum", "mums", "dad", "dads", "mother", "father", "family", "families", "grandparent", "grandparents", "next of kin", "nok"}},
	{name: "disability", forms: []string{"disabled", "disability", "disabilities", "special needs", "sen", "send", "additional needs", "complex needs", "learning disabilities"}},
	{name: "colleague", entity: true, forms: []string{"colleague", "colleagues", "practitioner", "practitioners", "professional", "professionals", "worker", "workers", "staff", "hcp", "hcps", "clinician", "clinicians", "therapist", "therapists"}},
	{name: "organisation", entity: true, forms: []string{"organisation", "organisations", "organisational", "agency", "agencies", "department"}},

	// consent
	{name: "consent", negated: "noconsent", forms: []string{"consent", "consents", "consented", "permission", "agree to", "agreed to", "agrees to"}},
	{name: "consent", negated: "noconsent", replace: true, forms: []string{"say yes", "said yes", "says yes", "happy for", "ok with", "okay with"}},
	{name: "refuse", forms: []string{"refuse", "refused", "refuses", "refusal", "refusing", "object", "objects", "objected", "unwilling", "withheld", "withhold", "withdraw", "withdrawn", "withdraws"}},
	// idioms of refusal: their everyday words ("say", "want", "mind") say nothing else
	{name: "refuse", replace: true, forms: []string{"said no", "says no", "say no", "saying no", "does not want", "did not want", "do not want", "will not agree", "does not agree", "did not agree", "will not let", "would not let", "not happy for", "changed her mind", "changed his mind", "changed their mind", "against their wishes", "against her wishes", "against his wishes"}},
	{name: "decline", forms: []string{"decline", "declined", "declines", "declining", "turn down", "turned down", "turning down", "reject", "rejected", "rejecting", "knock back"}},
	{name: "assume", forms: []string{"assume", "assumed", "assuming", "implied", "implicit", "already consented", "already agreed"}},
	{name: "overrule", forms: []string{"override", "overrides", "overridden", "overrule", "go ahead anyway", "proceed anyway", "do it anyway", "anyway"}},

	// forms of joint work
	{name: "multiagency", forms: []string{"multi agency", "inter agency", "cross agency", "across agencies", "other agencies", "another agency", "different agencies", "different organisations", "another organisation", "other organisations", "partner agency", "partner agencies", "external agency", "partners"}},
	{name: "sameagency", forms: []string{"same agency", "same council", "same organisation", "same team", "same local authority", "same department", "same service", "within the council", "in house", "internal", "our own team", "single agency"}},
	{name: "referral", forms: []string{"referral", "referrals", "refer", "referred", "referring"}},
	{name: "request", forms: []string{"request", "requests", "requested", "requesting", "ask for", "asked for", "asking for"}},
	{name: "writing", forms: []string{"writing", "written", "in writing", "letter", "email", "formally"}},
	{name: "contact", forms: []string{"phone", "ring", "call", "calls", "telephone", "email", "contact", "get in touch", "text", "message"}},
	{name: "verbal", forms: []string{"verbal", "verbally", "oral", "orally", "over the phone", "on the phone", "phone request", "asked me"}},
	{name: "info", forms: []string{"information", "info", "details", "data", "share information", "information sharing", "share info"}},
	{name: "visit", entity: true, forms: []string{"visit", "visits", "home visit", "joint visit", "face to face", "see the client", "in person"}},
	{name: "assessment", forms: []string{"assessment", "assessments", "assess", "assessing"}},
	{name: "placement", forms: []string{"care home", "care homes", "nursing home", "placement", "placements", "residential care", "residential"}},

	// practice
	{name: "whistle", forms: []string{"whistle blowing", "whistle blower", "whistle blow", "blow the whistle", "speak up", "freedom to speak up"}},
	{name: "concern", forms: []string{"concern", "concerns", "concerned", "worried", "worry", "worries", "uneasy", "uncomfortable", "alarmed", "not happy with", "unhappy with"}},
	{name: "risk", forms: []string{"risk", "risks", "harm", "harmful", "unsafe", "danger", "dangerous", "endanger", "put at risk", "at risk", "safety", "well being"}},
	{name: "badpractice", forms: []string{"poor practice", "bad practice", "unsafe practice", "malpractice", "misconduct", "unprofessional", "negligent", "negligence", "mistreat", "mistreated", "mistreatment", "treated badly", "badly treated", "rough handling", "shouted at"}},
	{name: "delay", forms: []string{"delay", "delays", "delayed", "wait", "waiting", "waiting list", "backlog", "queue", "held up", "hold up", "not allocated", "unallocated", "be allocated", "been allocated", "allocation", "for weeks", "for months", "weeks", "months", "no one available", "nobody available", "not available"}},
	{name: "urgent", forms: []string{"urgent", "urgently", "asap", "emergency", "immediate", "meanwhile", "in the meantime", "interim"}},
	{name: "record", forms: []string{"record", "records", "recording", "recorded", "case note", "case notes", "notes", "write up", "write it down", "document", "documentation", "log"}},
	{name: "doubt", forms: []string{"doubt", "in doubt", "not sure", "unsure", "uncertain", "not certain", "do not know whether", "do not know if", "unclear"}},
	{name: "protocol", forms: []string{"protocol", "protocols", "local arrangements", "agreed arrangements", "policy", "policies", "service level agreement", "memorandum of understanding"}},
	{name: "law", forms: []string{"law", "legal", "legally", "legislation", "statutory", "statute", "care act", "act 2014"}},
	{name: "duty", forms: []string{"duty", "duties", "obliged", "obligation", "required by law", "have to", "has to", "must we"}},
	{name: "courtesy", forms: []string{"courtesy", "courteous", "manners", "polite", "politeness", "rude", "respect", "respectful", "etiquette"}},
	{name: "role", forms: []string{"role", "roles", "remit", "job description", "what i do", "what they do", "limits of my role"}},
	{name: "task", forms: []string{"task", "tasks", "function", "functions", "who does what", "who does which", "who will do", "jobs", "actions", "action plan"}},
	{name: "expect", forms: []string{"expectation", "expectations", "expect", "expected", "ground rules"}},
	{name: "start", forms: []string{"start", "beginning", "outset", "kick off", "first meeting", "initial meeting"}},
	{name: "benefit", forms: []string{"benefit", "benefits", "advantage", "advantages", "pros", "good for", "gain", "gains", "value"}},
	{name: "benefit", replace: true, forms: []string{"get out of", "gets out of", "in it for", "better for"}},
	{name: "notmyjob", forms: []string{"not my job", "not her job", "not his job", "not their job", "not our job", "not my responsibility", "not her responsibility", "not his responsibility", "not their responsibility", "not our responsibility", "someone else job", "someone else responsibility", "somebody else job", "not my problem"}},

	// children and families
	{name: "chaos", forms: []string{"chaos", "chaotic", "fragmented", "fragmentation", "disjointed", "uncoordinated", "all over the place", "messy", "mess", "nobody talks to each other", "no one talks to each other", "not joined up"}},
	{name: "benevolent", replace: true, forms: []string{"benevolent", "means well", "mean well", "meaning well", "well meaning", "well meant", "well motivated", "well intentioned", "good intentions"}},
	{name: "whybother", forms: []string{"why bother", "worth it", "worthwhile", "point of", "waste of time", "unnecessary", "necessary", "pointless"}},
	{name: "level1", forms: []string{"level 1", "level one", "first level", "lowest level", "lightest level", "tier 1", "tier one", "basic level", "simplest level"}},
	{name: "level2", forms: []string{"level 2", "level two", "second level", "middle level", "tier 2", "tier two"}},
	{name: "level3", forms: []string{"level 3", "level three", "third level", "highest level", "top level", "tier 3", "tier three", "most intensive"}},
	{name: "levels", forms: []string{"levels", "tiers", "three levels", "stages", "categories"}},
	{name: "coordinate", forms: []string{"coordinate", "coordination", "coordinating", "coordinated", "coordinator", "organise appointments", "joined up appointments"}},
	{name: "collaborate", forms: []string{"collaborate", "collaboration", "collaborative", "collaborating", "team work", "team working"}},
	{name: "liaise", forms: []string{"liaise", "liaison", "liaising", "network", "networking", "keep in touch"}},
	{name: "rigid", forms: []string{"fixed", "rigid", "set in stone", "boxes", "hard and fast", "clear cut", "black and white", "strict"}},
	{name: "represent", forms: []string{"represent", "representing", "representative", "speak for", "speaking for", "identity", "which hat", "whose side"}},
	{name: "design", forms: []string{"design", "designing", "designed", "redesign", "plan services", "commission", "commissioning", "strategic", "strategy"}},
	{name: "consult", forms: []string{"consult", "consultation", "consulting", "ask families", "co production", "coproduce", "involve families", "listen to families"}},
	{name: "meaning", forms: []string{"mean", "meaning", "definition", "define", "defined", "what counts as", "count as", "what is joint work", "what is joint working", "what joint work is", "what joint working is", "what is meant by"}},
	// workplace matters the rulebook does not cover (IT, HR and pay, leave
	// bookings, facilities, weather, clinical dosing, welfare benefits, other
	// law). A question word inside one of these counts as unknown when
	// judging confidence, even if a rule happens to share it.
	{name: offTopicConcept, forms: []string{
		"password", "passwords", "log in", "login", "logon", "wifi", "wi fi", "laptop", "printer", "printers", "outlook", "vpn", "helpdesk", "it helpdesk", "email signature", "software", "computer",
		"annual leave", "book leave", "leave request", "sick pay", "sick days", "sickness absence", "return to work meeting", "pay", "payslip", "salary", "pay scale", "pay scales", "payroll", "pension", "expenses", "mileage", "overtime", "flexi", "toil", "rota", "shift", "shifts", "on call", "dbs", "dbs check", "appraisal", "resign", "resignation", "notice period", "id badge", "lanyard", "work from home", "wfh", "training budget",
		"parking", "car park", "parking permit", "parking fine", "pool car", "canteen", "lunch", "cake", "kitchen", "lift", "fire warden", "fire alarm", "book a room", "room booking", "post room", "office hours",
		"weather", "rain", "snow", "forecast",
		"what time", "what day", "which day", "opening hours",
		"dose", "doses", "dosage", "mg", "milligrams", "prescribe", "prescription", "tablets", "insulin", "morphine", "wound", "dressing",
		"benefits check", "welfare benefits", "universal credit", "housing benefit", "pip", "attendance allowance", "carers allowance", "blue badge",
		"eviction", "tenancy", "court fee", "dols", "deprivation of liberty",
		"lone working", "health and safety",
	}},
	{name: "example", forms: []string{"example", "examples", "for instance", "such as", "instance"}},
}
