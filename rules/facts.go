package rules

import (
	"fmt"
	"strings"
)

// Facts are what is known about a piece of joint work for the consent
// decision. Values are as on the command line; "" means not yet known.
type Facts struct {
	Subject          string // person | carer
	Direct           string // yes | no
	Capacity         string // yes | no | unknown
	Consent          string // yes | no (refused) | unknown (not yet asked)
	Attorney         string // none | consents | refuses (Deputy or LPA)
	BestInterest     string // yes | no (LA best interest decision made)
	Safeguarding     string // yes | no (part of a safeguarding enquiry)
	SameAgency       string // yes | no (joint work within one agency)
	ArrangingService string // yes | no (solely to arrange a service the person agreed to)
}

// factKeys lists the fact keys in the order Pairs prints them.
var factKeys = []string{"subject", "direct", "capacity", "consent", "attorney", "best-interest", "safeguarding", "same-agency", "arranging-service"}

// factValues lists each key's allowed values.
var factValues = map[string][]string{
	"subject":           {"person", "carer"},
	"direct":            {"yes", "no"},
	"capacity":          {"yes", "no", "unknown"},
	"consent":           {"yes", "no", "unknown"},
	"attorney":          {"none", "consents", "refuses"},
	"best-interest":     {"yes", "no"},
	"safeguarding":      {"yes", "no"},
	"same-agency":       {"yes", "no"},
	"arranging-service": {"yes", "no"},
}

// FactKeys returns the fact keys in canonical order.
func FactKeys() []string { return append([]string(nil), factKeys...) }

// FactValues returns the allowed values of a fact key (nil if unknown).
func FactValues(key string) []string { return append([]string(nil), factValues[key]...) }

// field returns a pointer to the Facts field for key, or nil.
func (f *Facts) field(key string) *string {
	switch key {
	case "subject":
		return &f.Subject
	case "direct":
		return &f.Direct
	case "capacity":
		return &f.Capacity
	case "consent":
		return &f.Consent
	case "attorney":
		return &f.Attorney
	case "best-interest":
		return &f.BestInterest
	case "safeguarding":
		return &f.Safeguarding
	case "same-agency":
		return &f.SameAgency
	case "arranging-service":
		return &f.ArrangingService
	}
	return nil
}

// Get returns the value of one fact ("" when unset or the key is unknown).
func (f Facts) Get(key string) string {
	if p := f.field(normKey(key)); p != nil {
		return *p
	}
	return ""
}

// valueAliases accepts a few everyday spellings of the allowed values.
var valueAliases = map[string]string{
	"y": "yes", "true": "yes", "n": "no", "false": "no",
	"?": "unknown", "unsure": "unknown", "not-asked": "unknown", "not_asked": "unknown",
	"consent": "consents", "refuse": "refuses", "refused": "refuses",
}

// normKey lower-cases a key, drops leading dashes and reads _ as -.
func normKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	k = strings.TrimLeft(k, "-")
	return strings.ReplaceAll(k, "_", "-")
}

// Set returns a copy of f with one fact set, after checking key and value.
// An empty value clears the fact.
func (f Facts) Set(key, value string) (Facts, error) {
	k := normKey(key)
	p := f.field(k)
	if p == nil {
		return f, fmt.Errorf("unknown fact %q: known facts are %s", key, strings.Join(factKeys, ", "))
	}
	v := strings.ToLower(strings.TrimSpace(value))
	if v == "" {
		*p = ""
		return f, nil
	}
	if !contains(factValues[k], v) {
		if a, ok := valueAliases[v]; ok && contains(factValues[k], a) {
			v = a
		} else {
			return f, fmt.Errorf("fact %s: %q is not allowed; use one of %s", k, value, strings.Join(factValues[k], "|"))
		}
	}
	*p = v
	return f, nil
}

// ParseFacts reads "key=value" pairs such as "capacity=yes" or
// "best-interest=no". Each key may appear once; errors name the key and its
// allowed values.
func ParseFacts(pairs []string) (Facts, error) {
	var f Facts
	seen := map[string]bool{}
	for _, pair := range pairs {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, "=")
		if !ok {
			return f, fmt.Errorf("fact %q has no value: write key=value, for example capacity=yes", pair)
		}
		nk := normKey(k)
		if factValues[nk] != nil && strings.TrimSpace(v) == "" {
			return f, fmt.Errorf("fact %s has no value: use one of %s", nk, strings.Join(factValues[nk], "|"))
		}
		if seen[nk] {
			return f, fmt.Errorf("fact %s is given twice", nk)
		}
		var err error
		if f, err = f.Set(k, v); err != nil {
			return f, err
		}
		seen[nk] = true
	}
	return f, nil
}

// Pairs returns the recorded facts as canonical "key=value" strings.
func (f Facts) Pairs() []string {
	var out []string
	for _, k := range factKeys {
		if v := f.Get(k); v != "" {
			out = append(out, k+"="+v)
		}
	}
	return out
}

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
		{"person", "The person with care and support needs"}, {"carer", "A carer"}}},
	"direct": {Text: "Will the person or carer take part in the joint work directly?", Options: yesNo(
		"Yes, it involves them directly", "No, it is between practitioners only")},
	"capacity": {Text: "Does the person have capacity to consent to the joint work?", Options: []Option{
		{"yes", "Yes"}, {"no", "No, they lack capacity to consent"}, {"unknown", "Not sure or not assessed"}}},
	"consent": {Text: "Have they consented to the joint work?", Options: []Option{
		{"yes", "Yes, they agreed"}, {"no", "No, they refused"}, {"unknown", "Not asked yet"}}},
	"attorney": {Text: "Is there a Deputy or Lasting Power of Attorney, and what did they decide?", Options: []Option{
		{"none", "There is no Deputy or LPA"}, {"consents", "They consent in the person's best interests"}, {"refuses", "They refuse"}}},
	"best-interest": {Text: "Has the local authority made a best interest decision that the joint work goes ahead?", Options: yesNo(
		"Yes, a best interest decision is recorded", "No, not yet")},
	"safeguarding": {Text: "Is the joint work part of a safeguarding enquiry?", Options: yesNo(
		"Yes, it is part of a safeguarding enquiry", "No")},
	"same-agency": {Text: "Is the joint work only between practitioners of the same agency?", Options: yesNo(
		"Yes, all in the same agency", "No, another agency is involved")},
	"arranging-service": {Text: "Is the joint work solely to arrange a service the person has already agreed to?", Options: yesNo(
		"Yes, only to arrange that service", "No, it goes further")},
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
