package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// rawRule is one rule as written in one YAML file, with the fields it sets
// (an override replaces only those).
type rawRule struct {
	rule Rule
	set  map[string]bool
}

// fieldNames lists the YAML keys a rule may carry, in display order.
var fieldNames = []string{"id", "title", "answer", "source", "section", "next_step", "related", "terms", "utterances"}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// parseFileCouncil reads one rulebook file: a mapping with a "rules" list
// (and, in a council's local file, a "council" name), or a bare list of
// rules. Every structural problem is reported with its line; each rule
// carries the file's council name, which is also returned.
func parseFileCouncil(name string, data []byte) ([]rawRule, string, []Problem) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		return nil, "", []Problem{{File: name, Line: line, Message: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	if len(doc.Content) == 0 {
		return nil, "", []Problem{{File: name, Line: 1, Message: "empty rulebook file: expected a \"rules:\" list"}}
	}
	list, council, probs := rulesList(name, doc.Content[0])
	if list == nil {
		return nil, council, probs
	}
	var out []rawRule
	for _, item := range list.Content {
		r, p := parseRule(name, item)
		probs = append(probs, p...)
		if r != nil {
			r.rule.Council = council
			out = append(out, *r)
		}
	}
	return out, council, probs
}

// rulesList finds the sequence of rules at the top of a document, and the
// council name if the file gives one.
func rulesList(name string, top *yaml.Node) (*yaml.Node, string, []Problem) {
	switch top.Kind {
	case yaml.SequenceNode:
		return top, "", nil
	case yaml.MappingNode:
		var list *yaml.Node
		var council string
		var probs []Problem
		for i := 0; i+1 < len(top.Content); i += 2 {
			k, v := top.Content[i], top.Content[i+1]
			switch {
			case k.Value == "council" && (v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == ""):
				probs = append(probs, Problem{File: name, Line: v.Line, Message: "\"council\" must be the council's name"})
			case k.Value == "council":
				council = strings.Join(strings.Fields(v.Value), " ")
			case k.Value != "rules":
				probs = append(probs, Problem{File: name, Line: k.Line, Message: fmt.Sprintf("unknown top-level key %q (expected \"rules\" and, in a local file, \"council\")", k.Value)})
			case v.Kind != yaml.SequenceNode:
				probs = append(probs, Problem{File: name, Line: v.Line, Message: "\"rules\" must be a list of rules"})
			default:
				list = v
			}
		}
		if list == nil && len(probs) == 0 {
			probs = append(probs, Problem{File: name, Line: top.Line, Message: "no \"rules:\" list in file"})
		}
		return list, council, probs
	default:
		return nil, "", []Problem{{File: name, Line: top.Line, Message: "expected a \"rules:\" list of rules"}}
	}
}

// parseRule reads one mapping into a rawRule.
func parseRule(name string, n *yaml.Node) (*rawRule, []Problem) {
	if n.Kind != yaml.MappingNode {
		return nil, []Problem{{File: name, Line: n.Line, Message: "each rule must be a mapping of fields (id, title, answer, …)"}}
	}
	r := &rawRule{rule: Rule{File: name, Line: n.Line}, set: map[string]bool{}}
	var probs []Problem
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if r.set[k.Value] {
			probs = append(probs, Problem{File: name, Line: k.Line, Message: fmt.Sprintf("field %q given twice", k.Value)})
			continue
		}
		if msg := r.setField(k.Value, v); msg != "" {
			probs = append(probs, Problem{File: name, Line: k.Line, Message: msg})
			continue
		}
		r.set[k.Value] = true
	}
	for i := range probs {
		probs[i].RuleID = r.rule.ID
	}
	return r, probs
}

// setField stores one field; it returns a problem message or "".
func (r *rawRule) setField(key string, v *yaml.Node) string {
	switch key {
	case "related", "terms", "utterances":
		list, msg := stringList(key, v)
		if msg != "" {
			return msg
		}
		switch key {
		case "related":
			r.rule.Related = list
		case "terms":
			r.rule.Terms = list
		default:
			r.rule.Utterances = list
		}
		return ""
	}
	dst := r.scalarField(key)
	if dst == nil {
		return fmt.Sprintf("unknown field %q (known fields: %s)", key, strings.Join(fieldNames, ", "))
	}
	if v.Kind != yaml.ScalarNode {
		return fmt.Sprintf("field %q must be text", key)
	}
	*dst = strings.Join(strings.Fields(v.Value), " ")
	return ""
}

// scalarField returns where a text field is stored, or nil if unknown.
func (r *rawRule) scalarField(key string) *string {
	switch key {
	case "id":
		return &r.rule.ID
	case "title":
		return &r.rule.Title
	case "answer":
		return &r.rule.Answer
	case "source":
		return &r.rule.Source
	case "section":
		return &r.rule.Section
	case "next_step":
		return &r.rule.NextStep
	}
	return nil
}

// stringList reads a YAML list of text items.
func stringList(key string, v *yaml.Node) ([]string, string) {
	if v.Kind != yaml.SequenceNode {
		return nil, fmt.Sprintf("field %q must be a list", key)
	}
	out := make([]string, 0, len(v.Content))
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode {
			return nil, fmt.Sprintf("field %q: every item must be text (line %d)", key, it.Line)
		}
		if s := strings.Join(strings.Fields(it.Value), " "); s != "" {
			out = append(out, s)
		}
	}
	return out, ""
}
