package teams

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/infracloudio/msbotbuilder-go/schema"

	"github.com/jointwork/jointwork/bot"
)

// Adaptive Card rendering.
const (
	cardContentType = "application/vnd.microsoft.card.adaptive"
	cardSchema      = "http://adaptivecards.io/schemas/adaptive-card.json"
	cardVersion     = "1.4" // Teams desktop, web and mobile
	maxFileChars    = 20000 // a card must stay well under Teams' ~28 KB message limit
)

// Keys of Action.Submit data; the submitted value comes back with them and
// with the inputs' values (see submitted in inbound.go).
const (
	keyCommand = "command" // the command to run, as typed after /jointwork
	keyInput   = "input"   // id of the input whose text is appended
	keyForm    = "form"    // space-separated question keys of a form
)

// formField is the input id of a form question.
func formField(key string) string { return "q_" + key }

type card = map[string]any

// renderFull turns a neutral message into an activity: one line of plain text
// as a text message, anything richer as an Adaptive Card.
func renderFull(m bot.Message) *outActivity {
	if isPlain(m) {
		return &outActivity{Type: "message", Text: m.Text, TextFormat: "markdown"}
	}
	return &outActivity{
		Type:        "message",
		Summary:     summary(m),
		Attachments: []schema.Attachment{{ContentType: cardContentType, Content: renderCard(m)}},
	}
}

func isPlain(m bot.Message) bool {
	return m.Title == "" && len(m.Fields) == 0 && m.Context == "" && len(m.Buttons) == 0 &&
		m.Form == nil && m.File == nil && !strings.Contains(m.Text, "\n")
}

func summary(m bot.Message) string {
	s := m.Title
	if s == "" {
		s, _, _ = strings.Cut(m.Text, "\n")
	}
	return truncate(s, 120)
}

// renderCard builds the card: Title, Text, Fields as a FactSet, a file's
// content, a form's inputs (see cardActions), Context as a subtle footnote,
// then the buttons.
func renderCard(m bot.Message) card {
	var body []any
	if m.Title != "" {
		body = append(body, textBlock(m.Title, "weight", "Bolder", "size", "Medium"))
	}
	if m.Text != "" {
		tb := textBlock(m.Text)
		if m.Kind == bot.KindError {
			tb["color"] = "Attention"
		}
		body = append(body, tb)
	}
	if len(m.Fields) > 0 {
		facts := make([]any, 0, len(m.Fields))
		for _, f := range m.Fields {
			facts = append(facts, map[string]string{"title": f.Label, "value": f.Value})
		}
		body = append(body, card{"type": "FactSet", "facts": facts})
	}
	if m.File != nil {
		body = append(body, fileBlocks(m.File)...)
	}
	if m.Form != nil && len(m.Buttons) == 0 {
		body = append(body, formBlocks(m.Form)...)
	}
	if m.Context != "" {
		body = append(body, textBlock(m.Context, "isSubtle", true, "size", "Small"))
	}
	c := card{"type": "AdaptiveCard", "$schema": cardSchema, "version": cardVersion, "body": body,
		"msteams": map[string]string{"width": "Full"}}
	if actions := cardActions(m); len(actions) > 0 {
		c["actions"] = actions
	}
	return c
}

func textBlock(text string, kv ...any) card {
	tb := card{"type": "TextBlock", "text": text, "wrap": true}
	for i := 0; i+1 < len(kv); i += 2 {
		tb[kv[i].(string)] = kv[i+1]
	}
	return tb
}

// cardActions are the buttons, then the form's submit. A message with both
// buttons and a form is a dialog asking one question at a time (the
// buttons); its form, every open question at once, sits behind a
// "answer all" Action.ShowCard when it has more than one question.
func cardActions(m bot.Message) []any {
	var out []any
	for i, b := range m.Buttons {
		out = append(out, button(i, b))
	}
	f := m.Form
	switch {
	case f == nil:
	case len(m.Buttons) == 0:
		out = append(out, formSubmit(f))
	case len(f.Questions) > 1:
		out = append(out, card{"type": "Action.ShowCard", "title": fmt.Sprintf("Answer all %d questions", len(f.Questions)),
			"card": card{"type": "AdaptiveCard", "body": formBlocks(f), "actions": []any{formSubmit(f)}}})
	}
	return out
}

func formSubmit(f *bot.Form) card {
	keys := make([]string, 0, len(f.Questions))
	for _, q := range f.Questions {
		keys = append(keys, q.Key)
	}
	return card{"type": "Action.Submit", "title": "Submit", "style": "positive",
		"data": map[string]string{keyCommand: f.Command, keyForm: strings.Join(keys, " ")}}
}

// button is an Action.Submit running the command; with an Input it is an
// Action.ShowCard holding a required text box and the submit button.
func button(i int, b bot.Button) card {
	if b.Input == nil {
		return withStyle(card{"type": "Action.Submit", "title": b.Label, "data": map[string]string{keyCommand: b.Command}}, b.Style)
	}
	id := fmt.Sprintf("in%d", i)
	input := card{"type": "Input.Text", "id": id, "label": b.Input.Label, "placeholder": b.Input.Placeholder,
		"isMultiline": true, "isRequired": true, "errorMessage": "Please fill in: " + b.Input.Label}
	submit := withStyle(card{"type": "Action.Submit", "title": b.Label,
		"data": map[string]string{keyCommand: b.Command, keyInput: id}}, b.Style)
	return card{"type": "Action.ShowCard", "title": b.Label,
		"card": card{"type": "AdaptiveCard", "body": []any{input}, "actions": []any{submit}}}
}

func withStyle(c card, style bot.ButtonStyle) card {
	switch style {
	case bot.StylePrimary:
		c["style"] = "positive"
	case bot.StyleDanger:
		c["style"] = "destructive"
	}
	return c
}

// formBlocks shows every question: a choice set (radio buttons) for
// questions with options, a text box otherwise.
func formBlocks(f *bot.Form) []any {
	var out []any
	if f.Title != "" {
		out = append(out, textBlock(f.Title, "weight", "Bolder"))
	}
	for _, q := range f.Questions {
		if len(q.Options) == 0 {
			out = append(out, card{"type": "Input.Text", "id": formField(q.Key), "label": q.Text})
			continue
		}
		choices := make([]any, 0, len(q.Options))
		for _, o := range q.Options {
			choices = append(choices, map[string]string{"title": o.Label, "value": o.Value})
		}
		out = append(out, card{"type": "Input.ChoiceSet", "id": formField(q.Key), "label": q.Text,
			"style": "expanded", "choices": choices})
	}
	return out
}

// fileBlocks shows a file's content in the card (Teams bots can only send
// files in personal chats, through a consent flow).
func fileBlocks(f *bot.File) []any {
	content := string(f.Content)
	note := fmt.Sprintf("%s (%d bytes)", f.Name, len(f.Content))
	if utf8.RuneCountInString(content) > maxFileChars {
		content = truncate(content, maxFileChars)
		note += fmt.Sprintf(", first %d characters shown", maxFileChars)
	}
	return []any{
		textBlock(note, "weight", "Bolder", "size", "Small"),
		textBlock(content, "fontType", "Monospace", "size", "Small"),
	}
}
