// Package rules holds the joint-work rulebook as data embedded in the binary,
// with the ways the bot uses it: search (BM25F with English stemming, synonym
// and abbreviation expansion and phrase boosts) and a calibrated "I don't
// know", the consent decision from RULEBOOK-SPEC.md (adults from the Kent
// table; a child under general children's law), advice on the level of
// joint working (Limbrick) and the form of joint work (Kent), lint for local
// rulebooks, and the `jointwork ask|consent|rules` command line.
//
// Rules come from two source documents, cited as kent-joint-work and
// limbrick-j; every answer is in the project's own words. A council adds or
// overrides rules with YAML files named by JOINTWORK_RULES (see Load); those
// rules are marked "local rule (council)". Book.Version names the rulebook
// an answer was given under, and Disclaimer is the one-line note replies carry.
package rules
