package teams

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
)

// cardOf renders m and returns its card as generic JSON, or nil for text.
func cardOf(t *testing.T, m bot.Message) (string, map[string]any) {
	t.Helper()
	act := render(m)
	raw, err := json.Marshal(act)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Text        string `json:"text"`
		Attachments []struct {
			ContentType string         `json:"contentType"`
			Content     map[string]any `json:"content"`
		} `json:"attachments"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Attachments) == 0 {
		return v.Text, nil
	}
	if v.Attachments[0].ContentType != cardContentType {
		t.Fatalf("content type %q", v.Attachments[0].ContentType)
	}
	return v.Text, v.Attachments[0].Content
}

// types lists the element types of a card's body, with their key options.
func types(c map[string]any) []string {
	var out []string
	body, _ := c["body"].([]any)
	for _, el := range body {
		m := el.(map[string]any)
		s := m["type"].(string)
		for _, k := range []string{"weight", "isSubtle", "color", "fontType", "style"} {
			if v, ok := m[k]; ok {
				s += " " + k + "=" + strings.ToLower(strings.Trim(string(must(json.Marshal(v))), `"`))
			}
		}
		out = append(out, s)
	}
	return out
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestRender(t *testing.T) {
	tests := []struct {
		name    string
		msg     bot.Message
		text    string   // for plain text messages
		body    []string // element types of the card body
		actions []string // action types and titles
	}{
		{"one line is plain text", bot.Text("Case c101 opened."), "Case c101 opened.", nil, nil},
		{"several lines make a card", bot.Text("line one\nline two"), "", []string{"TextBlock"}, nil},
		{"answer with source", bot.Message{Kind: bot.KindAnswer, Title: "Can I share?", Text: "Yes, with consent.",
			Fields: []bot.Field{{Label: "Rule", Value: "consent.share"}}, Context: "Source: Care Act 2014, s.6"}, "",
			[]string{"TextBlock weight=bolder", "TextBlock", "FactSet", "TextBlock isSubtle=true"}, nil},
		{"error", bot.Message{Kind: bot.KindError, Title: "Not allowed", Text: "Record consent first."}, "",
			[]string{"TextBlock weight=bolder", "TextBlock color=attention"}, nil},
		{"accept and decline with reasons", bot.Message{Text: "Request R1 from @alex", Buttons: []bot.Button{
			{Label: "Accept", Command: "request accept R1", Style: "primary"},
			{Label: "Decline", Command: "request decline R1", Style: "danger", Input: &bot.Input{Label: "Reasons", Placeholder: "Why?"}}}}, "",
			[]string{"TextBlock"}, []string{"Action.Submit Accept positive", "Action.ShowCard Decline"}},
		{"consent form", bot.Message{Text: "Consent for c101", Form: &bot.Form{Title: "Consent", Command: "consent", Questions: []bot.Question{
			{Key: "capacity", Text: "Does the person have capacity?", Options: []bot.Option{{Value: "yes", Label: "Yes"}, {Value: "no", Label: "No"}}},
			{Key: "note", Text: "Anything else?"}}}}, "",
			[]string{"TextBlock", "TextBlock weight=bolder", "Input.ChoiceSet style=expanded", "Input.Text"}, []string{"Action.Submit Submit positive"}},
		{"consent dialog: one question at a time, all behind a show-card", consentDialog(), "",
			[]string{"TextBlock weight=bolder", "TextBlock"}, []string{"Action.Submit Yes", "Action.Submit No", "Action.ShowCard Answer all 2 questions"}},
		{"file", bot.Message{Text: "Record of c101", File: &bot.File{Name: "c101.md", Type: "text/markdown", Content: []byte("# c101\n- opened")}}, "",
			[]string{"TextBlock", "TextBlock weight=bolder", "TextBlock fontType=monospace"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, c := cardOf(t, tc.msg)
			if tc.body == nil {
				if c != nil || text != tc.text {
					t.Fatalf("want plain text %q, got %q and card %v", tc.text, text, c)
				}
				return
			}
			if c == nil {
				t.Fatalf("want a card, got text %q", text)
			}
			if c["version"] != cardVersion || c["type"] != "AdaptiveCard" {
				t.Errorf("card header %v %v", c["type"], c["version"])
			}
			if got := types(c); strings.Join(got, ", ") != strings.Join(tc.body, ", ") {
				t.Errorf("body %q, want %q", got, tc.body)
			}
			var acts []string
			list, _ := c["actions"].([]any)
			for _, a := range list {
				m := a.(map[string]any)
				acts = append(acts, strings.TrimSpace(m["type"].(string)+" "+m["title"].(string)+" "+str(m["style"])))
			}
			if strings.Join(acts, ", ") != strings.Join(tc.actions, ", ") {
				t.Errorf("actions %q, want %q", acts, tc.actions)
			}
		})
	}
}

// TestSubmitRoundTrip renders buttons and forms, fills them in as Teams
// would (data plus input values) and checks the command the kernel gets.
func TestSubmitRoundTrip(t *testing.T) {
	decline := bot.Message{Buttons: []bot.Button{{Label: "Accept", Command: "request accept R1"},
		{Label: "Decline", Command: "request decline R1", Input: &bot.Input{Label: "Reasons"}}}}
	form := bot.Message{Form: &bot.Form{Command: "consent", Questions: []bot.Question{
		{Key: "capacity", Options: []bot.Option{{Value: "yes"}}}, {Key: "consent", Options: []bot.Option{{Value: "no"}}}, {Key: "note"}}}}
	tests := []struct {
		name   string
		msg    bot.Message
		action func(c map[string]any) map[string]any // the pressed action's data
		inputs map[string]any
		want   string
	}{
		{"plain button", decline, func(c map[string]any) map[string]any { return data(c["actions"].([]any)[0]) }, nil, "request accept R1"},
		{"button with reasons", decline, func(c map[string]any) map[string]any {
			inner := c["actions"].([]any)[1].(map[string]any)["card"].(map[string]any)
			return data(inner["actions"].([]any)[0])
		}, map[string]any{"in1": "  no nurse free that day "}, "request decline R1 no nurse free that day"},
		{"form answers", form, func(c map[string]any) map[string]any { return data(c["actions"].([]any)[0]) },
			map[string]any{"q_capacity": "yes", "q_consent": "", "q_note": "by phone"}, "consent capacity=yes note=by_phone"},
		{"dialog button", consentDialog(), func(c map[string]any) map[string]any { return data(c["actions"].([]any)[1]) },
			nil, "consent capacity=no"},
		{"dialog, all questions at once", consentDialog(), func(c map[string]any) map[string]any {
			inner := c["actions"].([]any)[2].(map[string]any)["card"].(map[string]any)
			return data(inner["actions"].([]any)[0])
		}, map[string]any{"q_capacity": "yes", "q_consent": "yes"}, "consent capacity=yes consent=yes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, c := cardOf(t, tc.msg)
			value := tc.action(c)
			for k, v := range tc.inputs {
				value[k] = v
			}
			raw, _ := json.Marshal(value)
			got, ok := submitted(raw)
			if !ok || got != tc.want {
				t.Errorf("got %q (%v), want %q", got, ok, tc.want)
			}
		})
	}
}

func consentDialog() bot.Message {
	yesNo := []bot.Option{{Value: "yes", Label: "Yes"}, {Value: "no", Label: "No"}}
	return bot.Message{Title: "Consent for case c101", Text: "Does the person have capacity?",
		Buttons: []bot.Button{{Label: "Yes", Command: "consent capacity=yes"}, {Label: "No", Command: "consent capacity=no"}},
		Form: &bot.Form{Title: "Consent for case c101", Command: "consent", Questions: []bot.Question{
			{Key: "capacity", Text: "Does the person have capacity?", Options: yesNo},
			{Key: "consent", Text: "Do they consent?", Options: yesNo}}}}
}

func data(action any) map[string]any {
	out := map[string]any{}
	for k, v := range action.(map[string]any)["data"].(map[string]any) {
		out[k] = v
	}
	return out
}

func TestRenderLargeFileIsCut(t *testing.T) {
	big := strings.Repeat("x", maxFileChars+500)
	_, c := cardOf(t, bot.Message{File: &bot.File{Name: "c101.json", Content: []byte(big)}})
	body := c["body"].([]any)
	note := body[0].(map[string]any)["text"].(string)
	content := body[1].(map[string]any)["text"].(string)
	if len(content) != maxFileChars || !strings.Contains(note, "first 20000 characters shown") {
		t.Errorf("content %d chars, note %q", len(content), note)
	}
}
