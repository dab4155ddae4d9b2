package bot

import "strings"

// familyHint answers a command that names a family ("task", "case list")
// but none of its commands: it lists the commands that exist.
func (b *Bot) familyHint(words []string) error {
	family := b.opt.Registry.Family(strings.ToLower(words[0]))
	var lines []string
	for _, c := range family {
		lines = append(lines, "• "+c.Synopsis())
	}
	typed := words[0]
	if len(words) > 1 {
		typed += " " + words[1]
	}
	return Refusef("`/jointwork %s` is not a command. The `%s` commands are:\n%s\nFor one in detail: `/jointwork help %s`.",
		typed, strings.ToLower(words[0]), strings.Join(lines, "\n"), family[0].Name)
}
