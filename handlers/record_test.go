package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRecord(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork task add @bea +2d Home visit | with OT")
	e.play(t, []step{
		{name: "markdown", as: "alex", where: "c101", text: "/jointwork record md",
			want: []string{"[only @alex] The record of case c101", "file case-c101-record.md", "| When | Who | What | Item | Detail | Basis |",
				"| 2026-11-23 09:00 | @alex | consent recorded |", "consent (consent.required)", `Home visit \| with OT`,
				"Rulebook " + e.app.Book.Version() + ". Guidance, not legal advice"}},
		{name: "member but not lead", as: "bea", where: "c101", text: "/jointwork record md", want: []string{"Only the case lead (@alex) can export"}, notWant: []string{"file case-"}},
		{name: "outsider by reference", as: "eve", where: "dm", text: "/jointwork record md c101", want: []string{"I can't find a case \"c101\" among yours."}, notWant: []string{"file case-", "@alex"}},
		{name: "no reference in a DM", as: "alex", where: "dm", text: "/jointwork record", want: []string{"Name the case"}},
		{name: "unknown case", as: "alex", where: "dm", text: "/jointwork record md c999", want: []string{"I can't find a case \"c999\" among yours."}},
		{name: "two references", as: "alex", where: "dm", text: "/jointwork record c1 c2", want: []string{"record [md|json] [REF]"}},
	})
	out := e.dm("alex", "/jointwork record json c101")
	var doc struct {
		Ref      string `json:"ref"`
		Rulebook string `json:"rulebook"`
		Entries  []struct {
			Who, What, Basis string
		} `json:"entries"`
	}
	body := fileBody(out)
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("json record: %v\n%s", err, out)
	}
	if doc.Ref != "c101" || doc.Rulebook != e.app.Book.Version() || len(doc.Entries) != e.entries("c101") || doc.Entries[0].What != "case opened" {
		t.Errorf("json record = %+v", doc)
	}
}

// fileBody extracts a file's content from console output ("  | " lines).
func fileBody(out string) string {
	var b strings.Builder
	for _, l := range strings.Split(out, "\n") {
		if _, rest, ok := strings.Cut(l, "  | "); ok {
			b.WriteString(rest + "\n")
		}
	}
	return b.String()
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
