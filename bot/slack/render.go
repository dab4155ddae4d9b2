package slack

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// Block Kit limits (characters or counts) the renderer keeps to.
const (
	maxMessageBlocks = 50
	maxHomeBlocks    = 100
	maxSectionText   = 3000
	maxFieldText     = 2000
	maxFields        = 10
	maxHeaderText    = 150
	maxButtonText    = 75
	maxButtonValue   = 2000 // Slack refuses a button value over 2,000 characters
	maxOptionValue   = 150  // and an option value over 150
	maxButtons       = 25
	maxFallbackText  = 3000
	codeChunk        = 2900
	maxFileBlocks    = 20
)

// renderOpts are the inputs of rendering that are not in the message.
type renderOpts struct {
	ids        map[string]string // handle → Slack user id, for mentions
	formID     string            // a stored form to offer with a button
	inlineFile bool              // show Message.File as a code block
}

// render turns a neutral message into Block Kit blocks and the plain
// notification text Slack shows in previews and to screen readers.
func render(m bot.Message, o renderOpts) ([]slack.Block, string) {
	var blocks []slack.Block
	header := m.Title != "" && (m.Kind == bot.KindCard || m.Kind == bot.KindPing)
	if header {
		blocks = append(blocks, slack.NewHeaderBlock(plain(icon(m.Kind)+m.Title, maxHeaderText)))
	}
	blocks = append(blocks, textBlocks(m, header, o.ids)...)
	blocks = append(blocks, fieldBlocks(m.Fields, o.ids)...)
	if m.File != nil && o.inlineFile {
		blocks = append(blocks, fileBlocks(*m.File)...)
	}
	if m.Context != "" {
		blocks = append(blocks, slack.NewContextBlock("", md(mrkdwn(m.Context, o.ids), maxSectionText)))
	}
	blocks = append(blocks, actionBlocks(m.Buttons, o.formID)...)
	return capBlocks(blocks, maxMessageBlocks), fallback(m, o.ids)
}

func icon(kind bot.Kind) string {
	switch kind {
	case bot.KindError:
		return ":warning: "
	case bot.KindPing:
		return ":bell: "
	}
	return ""
}

// textBlocks is the title (bold, unless it was a header) and the text, in
// sections of at most 3,000 characters.
func textBlocks(m bot.Message, headerDone bool, ids map[string]string) []slack.Block {
	text := mrkdwn(m.Text, ids)
	if m.Title != "" && !headerDone {
		title := "*" + mrkdwn(m.Title, ids) + "*"
		text = strings.TrimSpace(title + "\n" + text)
	}
	if text == "" {
		return nil
	}
	if !headerDone {
		text = icon(m.Kind) + text
	}
	var out []slack.Block
	for _, part := range chunk(text, maxSectionText) {
		out = append(out, slack.NewSectionBlock(md(part, maxSectionText), nil, nil))
	}
	return out
}

// fieldBlocks shows fields as section fields, ten to a section.
func fieldBlocks(fields []bot.Field, ids map[string]string) []slack.Block {
	var out []slack.Block
	for i := 0; i < len(fields); i += maxFields {
		var objs []*slack.TextBlockObject
		for _, f := range fields[i:min(i+maxFields, len(fields))] {
			objs = append(objs, md("*"+mrkdwn(f.Label, ids)+"*\n"+mrkdwn(f.Value, ids), maxFieldText))
		}
		out = append(out, slack.NewSectionBlock(nil, objs, nil))
	}
	return out
}

// fileBlocks shows a file's content as code blocks (when it cannot be
// uploaded, or must stay ephemeral).
func fileBlocks(f bot.File) []slack.Block {
	out := []slack.Block{slack.NewContextBlock("", md(fmt.Sprintf(":page_facing_up: %s (%d bytes)", escaper.Replace(f.Name), len(f.Content)), maxSectionText))}
	parts := chunk(escaper.Replace(strings.TrimRight(string(f.Content), "\n")), codeChunk)
	for i, p := range parts {
		if i == maxFileBlocks {
			out = append(out, slack.NewContextBlock("", md(fmt.Sprintf("(%d more parts not shown: too long for a Slack message)", len(parts)-i), maxSectionText)))
			break
		}
		out = append(out, slack.NewSectionBlock(md("```"+p+"```", maxSectionText), nil, nil))
	}
	return out
}

// actionBlocks puts buttons in actions blocks of at most 25; a stored form
// gets an "Open the form" button first.
func actionBlocks(buttons []bot.Button, formID string) []slack.Block {
	var els []slack.BlockElement
	if formID != "" {
		b := slack.NewButtonBlockElement(actionForm, formID, plain("Answer in a form", maxButtonText))
		b.Style = slack.StylePrimary
		els = append(els, b)
	}
	for i, b := range buttons {
		els = append(els, button(i, b))
	}
	var out []slack.Block
	for i := 0; i < len(els); i += maxButtons {
		out = append(out, slack.NewActionBlock("", els[i:min(i+maxButtons, len(els))]...))
	}
	return out
}

// inputSpec is the value of a button that asks for text before it runs.
type inputSpec struct {
	Cmd         string `json:"c"`
	Title       string `json:"t"`
	Label       string `json:"l"`
	Placeholder string `json:"p,omitempty"`
}

func button(i int, b bot.Button) *slack.ButtonBlockElement {
	var el *slack.ButtonBlockElement
	if b.Input != nil {
		spec, _ := json.Marshal(inputSpec{Cmd: b.Command, Title: b.Label, Label: b.Input.Label, Placeholder: b.Input.Placeholder})
		el = slack.NewButtonBlockElement(fmt.Sprintf("%s:%d", actionAsk, i), truncate(string(spec), maxButtonValue), plain(b.Label, maxButtonText))
	} else {
		el = slack.NewButtonBlockElement(fmt.Sprintf("%s:%d", actionRun, i), truncate(b.Command, maxButtonValue), plain(b.Label, maxButtonText))
	}
	switch b.Style {
	case bot.StylePrimary:
		el.Style = slack.StylePrimary
	case bot.StyleDanger:
		el.Style = slack.StyleDanger
	}
	return el
}

// capBlocks keeps at most n blocks, saying so when some were dropped.
func capBlocks(blocks []slack.Block, n int) []slack.Block {
	if len(blocks) <= n {
		return blocks
	}
	out := append([]slack.Block{}, blocks[:n-1]...)
	return append(out, slack.NewContextBlock("", md(fmt.Sprintf("(%d more parts not shown: too long for Slack)", len(blocks)-n+1), maxSectionText)))
}

// fallback is the notification text: title and text, escaped, shortened.
func fallback(m bot.Message, ids map[string]string) string {
	s := strings.TrimSpace(m.Title + "\n" + m.Text)
	if s == "" && m.File != nil {
		s = m.File.Name
	}
	if s == "" && len(m.Fields) > 0 {
		s = m.Fields[0].Label + ": " + m.Fields[0].Value
	}
	return truncate(icon(m.Kind)+mrkdwn(s, ids), maxFallbackText)
}

func plain(s string, limit int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, truncate(s, limit), true, false)
}

func md(s string, limit int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, truncate(s, limit), false, false)
}

// truncate shortens s to at most n characters, ending with "…" when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// chunk splits s into parts of at most n characters, at a line break when
// there is one in the second half of the part.
func chunk(s string, n int) []string {
	var out []string
	r := []rune(s)
	for len(r) > n {
		cut := n
		for i := n - 1; i > n/2; i-- {
			if r[i] == '\n' {
				cut = i + 1
				break
			}
		}
		cut = notInsideEntity(r, cut)
		out = append(out, strings.TrimRight(string(r[:cut]), "\n"))
		r = r[cut:]
	}
	if len(r) > 0 {
		out = append(out, string(r))
	}
	return out
}

// notInsideEntity moves a cut back so it does not split an escape such as
// "&amp;" or a mention such as "<@U123>".
func notInsideEntity(r []rune, cut int) int {
	for i := cut - 1; i >= 0 && i >= cut-24; i-- {
		switch r[i] {
		case ';', '>':
			return cut
		case '&', '<':
			if i > 0 {
				return i
			}
			return cut
		}
	}
	return cut
}
