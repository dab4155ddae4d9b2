package rules

// Option is one answer to a fact question, for dialog buttons.
type Option struct {
	Value, Label string
}

// Question is the plain-English question that asks for one fact.
type Question struct {
	Key, Text string
	Options   []Option
}

var yesNo = func(yes, no string) []Option { return []Option{{"yes", yes}, {"no", no}} }

// questions holds the dialog question for every fact key.
var questions = map[string]Question{
	"subject": {Text: "Who is the joint work about?", Options: []Option{
		{"person", "The person with care and support needs"}, {"carer", "A carer"}, {"child", "A child or young person under 18"}}},
	"direct": {Text: "Will the person or carer take part in the joint work directly?", Options: yesNo(
		"Yes, it involves them directly", "No, it is between practitioners only")},
	"capacity": {Text: "Do they have capacity to consent to the joint work (capacity is presumed unless there is a reason to doubt it)?", Options: []Option{
		{"yes", "Yes"}, {"no", "No, they were assessed as lacking capacity to consent"}, {"unknown", "Not assessed (capacity is presumed)"}}},
	"consent": {Text: "Have they consented to the joint work?", Options: []Option{
		{"yes", "Yes, they agreed"}, {"no", "No, they refused"}, {"unknown", "Not asked yet"}}},
	"attorney": {Text: "Is there a Deputy or a health and welfare Lasting Power of Attorney, and what did they decide?", Options: []Option{
		{"none", "No Deputy or health and welfare LPA (a property and financial affairs LPA or next of kin does not count)"},
		{"consents", "They consent in the person's best interests"}, {"refuses", "They refuse"}}},
	"best-interest": {Text: "Has the local authority made a best interest decision that the joint work goes ahead?", Options: yesNo(
		"Yes, a best interest decision is recorded", "No, not yet")},
	"safeguarding": {Text: "Is the joint work part of a safeguarding enquiry?", Options: yesNo(
		"Yes, it is part of a safeguarding enquiry", "No")},
	"same-agency": {Text: "Is the joint work only between practitioners of the same agency?", Options: yesNo(
		"Yes, all in the same agency", "No, another agency is involved")},
	"arranging-service": {Text: "Is the joint work solely to arrange a service the person has already agreed to?", Options: yesNo(
		"Yes, only to arrange that service", "No, it goes further")},
	"age": {Text: "How old is the child or young person?", Options: []Option{
		{"under-16", "Under 16"}, {"16-17", "16 or 17"}}},
	"competent": {Text: "Is the child competent to decide about the joint work themself (Gillick competence)?", Options: []Option{
		{"yes", "Yes, they understand enough to decide"}, {"no", "No, not competent to decide this"}, {"unknown", "Not assessed yet"}}},
	"parental-consent": {Text: "Does someone with parental responsibility consent to the joint work?", Options: []Option{
		{"yes", "Yes, they agreed"}, {"no", "No, they refused"}, {"unknown", "Not asked yet"}}},
	"child-protection": {Text: "Is there a child protection enquiry (Children Act 1989 s47) or a risk of significant harm that makes the joint work necessary?", Options: yesNo(
		"Yes, child protection makes it necessary", "No")},
}

// FactQuestion returns the plain-English question for a fact key.
func FactQuestion(key string) (Question, bool) {
	k := normKey(key)
	q, ok := questions[k]
	if !ok {
		return Question{}, false
	}
	q.Key = k
	q.Options = append([]Option(nil), q.Options...)
	return q, true
}
