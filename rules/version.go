package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// DataDate is the date of the embedded rulebook data (data/*.yaml): change
// it with every edit to those files. Book.Version adds a hash of the data.
const DataDate = "2026-11-30"

// Disclaimer is the one-line note a reply carries once (not per line).
const Disclaimer = "Guidance, not legal advice: follow your council's procedures and ask your legal team about hard cases."

// dataHash hashes named files in order.
type dataHash struct{ h hash.Hash }

func newDataHash() *dataHash { return &dataHash{sha256.New()} }

func (d *dataHash) add(name string, data []byte) {
	d.h.Write([]byte(name))
	d.h.Write([]byte{0})
	d.h.Write(data)
	d.h.Write([]byte{0})
}

// short is the first seven hex digits of the hash.
func (d *dataHash) short() string { return hex.EncodeToString(d.h.Sum(nil))[:7] }

// Version names the rulebook an answer was given under: the embedded data's
// date and short hash, plus "+local:<hash>" when a council's local files are
// loaded, as in "2026-11-30.1a2b3c4+local:5d6e7f8".
func (b *Book) Version() string {
	v := DataDate + "." + embHash
	if b.localHash != "" {
		v += "+local:" + b.localHash
	}
	return v
}

// Footer is the line a reply ends with: the rulebook version and the
// disclaimer.
func (b *Book) Footer() string {
	return "Rulebook " + b.Version() + ". " + Disclaimer
}

// CitationLine is the citation of a rule with the rulebook version, for
// showing under an answer; a local rule is marked "local rule (council)".
func (b *Book) CitationLine(r *Rule) string {
	return "Source: " + r.Citation() + " (rulebook " + b.Version() + ")"
}
