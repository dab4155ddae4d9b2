package rules

// specIDs are the rule IDs fixed by RULEBOOK-SPEC.md. They are a public
// interface: every one must exist in the rulebook (lint checks it).
var specIDs = []string{
	"jw.definition", "jw.forms.combine",
	"jw.form.low-level", "jw.form.high-level", "jw.form.single-agency", "jw.form.multi-agency",
	"jw.form.informal", "jw.form.formal", "jw.form.direct", "jw.form.indirect",
	"jw.benefits.person", "jw.benefits.organisation",
	"law.care-act-s6", "law.formal-request", "law.formal-request.decline", "local.protocols",
	"principle.courtesy", "principle.roles", "principle.expectations", "principle.tasks",
	"consent.required", "consent.incapacity.lpa-deputy", "consent.incapacity.best-interest",
	"consent.safeguarding", "consent.carer", "consent.assumed.same-agency",
	"delay.decision", "record.protocols", "record.if-in-doubt", "concern.whistleblowing",
	"tac.who", "tac.why", "tac.benevolent-chaos",
	"tac.level.liaison", "tac.level.coordination", "tac.level.teamwork",
	"tac.levels.continuum", "tac.matrix", "tac.identity", "tac.design",
}

// SpecIDs returns the rule IDs every rulebook must contain.
func SpecIDs() []string { return append([]string(nil), specIDs...) }
