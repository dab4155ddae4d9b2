package bot

import (
	"context"
	"strings"
)

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

// answerWords are replies to a question; typed with no dialog open they
// answer nothing.
var answerWords = map[string]bool{"yes": true, "no": true, "y": true, "n": true, "yep": true, "nope": true,
	"ok": true, "okay": true, "yes.": true, "no.": true, "unknown": true, "don't know": true, "not sure": true}

// strayAnswer reports whether words are only an answer word ("yes").
func strayAnswer(words []string) bool {
	return len(words) > 0 && len(words) <= 2 && answerWords[strings.ToLower(strings.Join(words, " "))]
}

// answerWaiting asks Options.AnswerWaiting, when set.
func (b *Bot) answerWaiting(ctx context.Context, handle string) bool {
	return b.opt.AnswerWaiting != nil && b.opt.AnswerWaiting(ctx, handle)
}
