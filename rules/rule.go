package rules

import (
	"path/filepath"
	"sort"
)

// Rule is one entry of the rulebook: a short plain-English answer with its
// source, section, next step, related rules and the words practitioners use
// for it. File and Line say where the rule was defined (for lint and show).
type Rule struct {
	ID       string
	Title    string
	Answer   string
	Source   string
	Section  string
	NextStep string
	Related  []string
	Terms    []string
	// Utterances are example questions in practitioners' words (a local
	// rule's own; the embedded ones live in data/utterances).
	Utterances []string
	File       string
	Line       int
	// Local is set for a rule a council added or overrode (JOINTWORK_RULES);
	// Council is the name from its file's top-level "council:" key.
	Local   bool
	Council string
	// override: a local rule changing an embedded one. Its Source and
	// Section are only what the local file sets, never the embedded ones.
	override bool
}

// clone returns a deep copy, so overrides never touch a shared rule.
func (r *Rule) clone() *Rule {
	c := *r
	c.Related = append([]string(nil), r.Related...)
	c.Terms = append([]string(nil), r.Terms...)
	c.Utterances = append([]string(nil), r.Utterances...)
	return &c
}

// Sources maps the source IDs rules cite to a readable citation.
var sources = map[string]string{
	"kent-joint-work": "Kent County Council, Adult Social Care & Health practice guidance \"Joint Work\" (v29, 12 January 2024)",
	"limbrick-j":      "Peter Limbrick, \"An Alphabet of Helpful Hints: J is for Joint Working\" (IQJ)",
	// General law the two documents do not cover: cited as the Act.
	"children-act-1989":        "Children Act 1989 (general law, not from the Kent or Limbrick guidance)",
	"mental-capacity-act-2005": "Mental Capacity Act 2005 (general law, not from the Kent or Limbrick guidance)",
}

// SourceName returns a readable citation for a source ID such as
// "kent-joint-work"; a local source ID is returned unchanged.
func SourceName(id string) string {
	if s, ok := sources[id]; ok {
		return s
	}
	return id
}

// Citation is "source name, section: …" for showing under an answer. A
// local rule is marked "local rule (council)" and cites only what the local
// file gives, never the embedded rule's source.
func (r *Rule) Citation() string {
	cite := SourceName(r.Source)
	if r.Section != "" {
		cite += ", section: " + r.Section
	}
	if !r.Local {
		return cite
	}
	council := r.Council
	if council == "" {
		council = "council not named"
	}
	who := "local rule (" + council + ")"
	if r.Source == "" {
		return who + ", defined in " + filepath.Base(r.File)
	}
	return who + ": " + cite
}

// sortRules orders rules by ID.
func sortRules(rs []*Rule) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
