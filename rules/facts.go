package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// Facts are what is known about a piece of joint work for the consent
// decision. Values are as on the command line; "" means not yet known.
type Facts struct {
	Subject          string // person | carer | child
	Direct           string // yes | no
	Capacity         string // yes | no | unknown (for a child: a young person of 16–17)
	Consent          string // yes | no (refused) | unknown (not yet asked): the subject's own
	Attorney         string // none | consents | refuses (Deputy or health and welfare LPA)
	BestInterest     string // yes | no (LA best interest decision made)
	Safeguarding     string // yes | no (part of an adult safeguarding enquiry)
	SameAgency       string // yes | no (joint work within one agency)
	ArrangingService string // yes | no (solely to arrange a service the person agreed to)
	// Facts of a child (subject=child); children's law, not the Kent guidance.
	Age             string // under-16 | 16-17
	Competent       string // yes | no | unknown (a child under 16 competent to decide: Gillick)
	ParentalConsent string // yes | no | unknown: someone with parental responsibility
	ChildProtection string // yes | no (a s47 enquiry or a risk of significant harm makes it necessary)
}

// factKeys lists the fact keys in the order Pairs prints them.
var factKeys = []string{"subject", "direct", "capacity", "consent", "attorney", "best-interest", "safeguarding", "same-agency",
	"arranging-service", "age", "competent", "parental-consent", "child-protection"}

// factValues lists each key's allowed values.
var factValues = map[string][]string{
	"subject":           {"person", "carer", "child"},
	"direct":            {"yes", "no"},
	"capacity":          {"yes", "no", "unknown"},
	"consent":           {"yes", "no", "unknown"},
	"attorney":          {"none", "consents", "refuses"},
	"best-interest":     {"yes", "no"},
	"safeguarding":      {"yes", "no"},
	"same-agency":       {"yes", "no"},
	"arranging-service": {"yes", "no"},
	"age":               {"under-16", "16-17"},
	"competent":         {"yes", "no", "unknown"},
	"parental-consent":  {"yes", "no", "unknown"},
	"child-protection":  {"yes", "no"},
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
	case "age":
		return &f.Age
	case "competent":
		return &f.Competent
	case "parental-consent":
		return &f.ParentalConsent
	case "child-protection":
		return &f.ChildProtection
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
	"under16": "under-16", "u16": "under-16", "16–17": "16-17",
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
	v, ok := canonValue(k, v)
	if !ok {
		return f, fmt.Errorf("fact %s: %q is not allowed; use one of %s", k, value, strings.Join(factValues[k], "|"))
	}
	*p = v
	return f, nil
}

// canonValue reads a lower-cased value of fact k: an allowed value, an
// alias of one, or (for age) a whole number of years under 18.
func canonValue(k, v string) (string, bool) {
	if contains(factValues[k], v) {
		return v, true
	}
	if a, ok := valueAliases[v]; ok && contains(factValues[k], a) {
		return a, true
	}
	if n, err := strconv.Atoi(v); err == nil && k == "age" && n >= 0 && n < 18 {
		if n < 16 {
			return "under-16", true
		}
		return "16-17", true
	}
	return "", false
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

// adultOnly and childOnly are the facts that apply to one kind of subject.
var (
	adultOnly = []string{"attorney", "best-interest", "safeguarding", "same-agency", "arranging-service"}
	childOnly = []string{"age", "competent", "parental-consent", "child-protection"}
)

// CheckApplies reports a fact that is set but does not apply to the subject
// (an unset subject reads as person): a Deputy or an adult safeguarding
// enquiry for a child, a child's age for an adult, capacity for a child
// under 16 (competence applies) or competence at 16 or 17 (capacity applies).
func (f Facts) CheckApplies() error {
	subject := f.Subject
	if subject == "" {
		subject = "person"
	}
	if subject != "child" {
		for _, k := range childOnly {
			if f.Get(k) != "" {
				return fmt.Errorf("fact %s applies only to a child (subject=child)", k)
			}
		}
		return nil
	}
	for _, k := range adultOnly {
		if f.Get(k) == "" {
			continue
		}
		if k == "safeguarding" {
			return fmt.Errorf("fact safeguarding (an adult safeguarding enquiry) does not apply to a child: use child-protection")
		}
		return fmt.Errorf("fact %s does not apply to a child: use age, capacity (16-17), competent (under 16), parental-consent and child-protection", k)
	}
	switch {
	case f.Age == "under-16" && f.Capacity != "":
		return fmt.Errorf("fact capacity does not apply under 16: use competent (Gillick competence)")
	case f.Age == "16-17" && f.Competent != "":
		return fmt.Errorf("fact competent applies under 16: at 16 or 17 use capacity (the Mental Capacity Act 2005 applies from 16)")
	}
	return nil
}
