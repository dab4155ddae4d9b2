package rules

import "strings"

// LevelInput describes the support around a child or family.
type LevelInput struct {
	Agencies, Practitioners int
	Complexity              string // low | moderate | high ("" reads as low)
}

// LevelAdvice is the advised level of joint working (Limbrick), the rule it
// rests on, what it means in practice and the three matrix questions.
type LevelAdvice struct {
	Level     string // liaison | coordination | teamwork
	Rule      string
	Meaning   string
	Questions []string
}

// Levels of joint working.
const (
	LevelLiaison      = "liaison"
	LevelCoordination = "coordination"
	LevelTeamwork     = "teamwork"
)

// matrixQuestions are the three questions of the matrix of shared
// responsibility (tac.matrix), in the project's words.
var matrixQuestions = []string{
	"To support this person (or child, young person or family) now, whom should I be liaising and networking with?",
	"Whose appointments, clinics and reviews should I be co-ordinating with mine?",
	"Whom should I be collaborating closely with?",
}

var levelMeaning = map[string]string{
	LevelLiaison: "Keep in touch with the other practitioners involved and with the family; " +
		"no more joining up is needed while needs stay simple and few people are involved.",
	LevelCoordination: "Fit appointments, meetings, assessments and interventions together so the family " +
		"face less stress, time and travel; think about childcare for younger siblings and transport. This includes liaison.",
	LevelTeamwork: "The key practitioners meet to share observations, learn each other's aims and agree " +
		"approaches and goals, with the young person or the parents of a younger child. This includes liaison and co-ordination.",
}

// AdviseLevel advises the level of joint working: collaborative teamwork when
// needs are complex; service co-ordination when several agencies or
// practitioners are involved (two or more agencies, three or more
// practitioners, or moderate needs with two or more practitioners); liaison
// otherwise. The levels are a continuum (tac.levels.continuum): review the
// level as the family's situation changes.
func AdviseLevel(in LevelInput) LevelAdvice {
	level := LevelLiaison
	switch c := strings.ToLower(strings.TrimSpace(in.Complexity)); {
	case c == "high":
		level = LevelTeamwork
	case in.Agencies >= 2 || in.Practitioners >= 3 || (c == "moderate" && in.Practitioners >= 2):
		level = LevelCoordination
	}
	return LevelAdvice{
		Level:     level,
		Rule:      "tac.level." + level,
		Meaning:   levelMeaning[level],
		Questions: append([]string(nil), matrixQuestions...),
	}
}

// FormInput are the facts that place a piece of joint work in Kent's table.
type FormInput struct {
	Agencies       int  // agencies involved
	PersonInvolved bool // the person or carer takes part
	FormalRequest  bool // a formal request (such as a referral) exists
	Complex        bool // complex work or functions
}

// Form is where a piece of joint work sits on each of Kent's pairs. Values
// match the rule IDs: single-agency|multi-agency, direct|indirect,
// formal|informal, low-level|high-level.
type Form struct {
	Agency, Involvement, Formality, Level string
	Rules                                 []string
}

// ClassifyForm places joint work on each pair of Kent's forms; several forms
// apply at once (jw.forms.combine). Agencies <= 1 is single-agency.
func ClassifyForm(in FormInput) Form {
	f := Form{Agency: "single-agency", Involvement: "indirect", Formality: "informal", Level: "low-level"}
	if in.Agencies >= 2 {
		f.Agency = "multi-agency"
	}
	if in.PersonInvolved {
		f.Involvement = "direct"
	}
	if in.FormalRequest {
		f.Formality = "formal"
	}
	if in.Complex {
		f.Level = "high-level"
	}
	f.Rules = []string{"jw.form." + f.Agency, "jw.form." + f.Involvement, "jw.form." + f.Formality, "jw.form." + f.Level, "jw.forms.combine"}
	return f
}
