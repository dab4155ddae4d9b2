package handlers

import "github.com/jointwork/jointwork/bot"

// casePrivate is bot.Private tagged with the case whose content it carries,
// so the send gate checks that the recipient may read it.
func casePrivate(handle, ref, text string) bot.Message {
	m := bot.Private(handle, text)
	m.Case = ref
	return m
}
