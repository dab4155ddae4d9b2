package handlers

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jointwork/jointwork/bot"
)

// dueAt reads the date phrase that starts at argument i ("next fri", "3 Dec",
// "in 3 working days", "+3d") and returns the date and the index of the first
// argument after it, so "task add @chris next fri Call the GP" has its text at
// argument 3. The calendar's one-line message is the refusal, not wrapped again.
func (h *Handlers) dueAt(r *bot.Request, i int) (time.Time, int, error) {
	var words []string
	if i < len(r.Args) {
		words = r.Args[i:]
	}
	due, used, err := h.Calendar.ParseDuePrefix(words, h.Now())
	if err != nil {
		return time.Time{}, i, dateRefusal(err)
	}
	return due, i + used, nil
}

// dateRefusal turns the calendar's message into one user-facing line.
func dateRefusal(err error) error {
	msg := strings.TrimRight(err.Error(), ". ")
	r, n := utf8.DecodeRuneInString(msg)
	return bot.Refusef("%c%s.", unicode.ToUpper(r), msg[n:])
}
