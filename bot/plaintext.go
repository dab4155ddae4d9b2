package bot

import (
	"fmt"
	"strings"
)

// PlainLines renders a message as plain text lines, for the console and for
// logs of what was sent. Buttons are shown with the command they run, so a
// keyboard user can type it.
func PlainLines(m Message) []string {
	var lines []string
	if m.Title != "" {
		lines = append(lines, m.Title)
	}
	if m.Text != "" {
		lines = append(lines, strings.Split(m.Text, "\n")...)
	}
	for _, f := range m.Fields {
		lines = append(lines, fmt.Sprintf("  %s: %s", f.Label, f.Value))
	}
	if m.Context != "" {
		lines = append(lines, "  ("+m.Context+")")
	}
	for _, b := range m.Buttons {
		cmd := "/jointwork " + b.Command
		if b.Input != nil {
			cmd += " " + strings.ToUpper(strings.ReplaceAll(b.Input.Label, " ", "-")) + "…"
		}
		lines = append(lines, fmt.Sprintf("  [%s] %s", b.Label, cmd))
	}
	if m.File != nil {
		lines = append(lines, fmt.Sprintf("  file %s (%d bytes):", m.File.Name, len(m.File.Content)))
		for _, l := range strings.Split(strings.TrimRight(string(m.File.Content), "\n"), "\n") {
			lines = append(lines, "  | "+l)
		}
	}
	return lines
}
