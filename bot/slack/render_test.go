package slack

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// shape lists a block list as "type" words, with a few details that matter:
// "section(text)", "section(fields:2)", "actions(jw:run:0/primary,…)".
func shape(t *testing.T, blocks []slack.Block) string {
	t.Helper()
	raw, err := json.Marshal(slack.Blocks{BlockSet: blocks})
	if err != nil {
		t.Fatal(err)
	}
	var bs []struct {
		Type     string                 `json:"type"`
		Text     *struct{ Type string } `json:"text"`
		Fields   []json.RawMessage      `json:"fields"`
		Elements []struct {
			ActionID string `json:"action_id"`
			Style    string `json:"style"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(raw, &bs); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range bs {
		s := b.Type
		switch {
		case b.Type == "section" && len(b.Fields) > 0:
			s += "(fields:" + strconv.Itoa(len(b.Fields)) + ")"
		case b.Type == "section" && b.Text != nil:
			s += "(" + b.Text.Type + ")"
		case b.Type == "actions":
			var els []string
			for _, e := range b.Elements {
				els = append(els, strings.TrimSuffix(e.ActionID+"/"+e.Style, "/"))
			}
			s += "(" + strings.Join(els, ",") + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestRenderShapes(t *testing.T) {
	tests := []struct {
		name string
		msg  bot.Message
		opts renderOpts
		want string
	}{
		{"plain text", bot.Text("hello"), renderOpts{}, "section(mrkdwn)"},
		{"answer: bold title, fields, source", bot.Message{Kind: bot.KindAnswer, Title: "Sharing", Text: "Yes.",
			Fields: []bot.Field{{Label: "Next step", Value: "Record consent"}, {Label: "See also", Value: "x"}}, Context: "Rule a.b · source"},
			renderOpts{}, "section(mrkdwn) section(fields:2) context"},
		{"card: header", bot.Message{Kind: bot.KindCard, Title: "Case c101", Fields: []bot.Field{{Label: "Lead", Value: "@alex"}}},
			renderOpts{}, "header section(fields:1)"},
		{"buttons", bot.Message{Text: "R1", Buttons: []bot.Button{{Label: "Accept", Command: "request accept R1", Style: "primary"},
			{Label: "Decline", Command: "request decline R1", Style: "danger", Input: &bot.Input{Label: "Reasons"}}}},
			renderOpts{}, "section(mrkdwn) actions(jw:run:0/primary,jw:ask:1/danger)"},
		{"form offered with a button", bot.Message{Text: "Questions", Form: &bot.Form{Command: "consent"}},
			renderOpts{formID: "f1"}, "section(mrkdwn) actions(jw:form/primary)"},
		{"file inline", bot.Message{File: &bot.File{Name: "r.md", Content: []byte("# r\n")}},
			renderOpts{inlineFile: true}, "context section(mrkdwn)"},
		{"eleven fields make two sections", bot.Message{Fields: make([]bot.Field, 11)},
			renderOpts{}, "section(fields:10) section(fields:1)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			blocks, text := render(tc.msg, tc.opts)
			got := shape(t, blocks)
			if got != tc.want {
				t.Fatalf("blocks:\n got %s\nwant %s", got, tc.want)
			}
			if text == "" && tc.msg.Form == nil && tc.msg.Fields == nil {
				t.Fatalf("no fallback text")
			}
		})
	}
}

func TestRenderDetails(t *testing.T) {
	m := bot.Message{Kind: bot.KindError, Text: "Use <b> & @chris, not alex@council.example."}
	blocks, text := render(m, renderOpts{ids: map[string]string{"chris": "U3", "alex": "U1"}})
	raw, _ := json.Marshal(blocks)
	s := string(raw)
	for _, want := range []string{`:warning: Use \u0026lt;b\u0026gt; \u0026amp; \u003c@U3\u003e, not alex@council.example.`} {
		if !strings.Contains(s, want) {
			t.Fatalf("missing %s in %s", want, s)
		}
	}
	if !strings.HasPrefix(text, ":warning: Use &lt;b&gt; &amp; <@U3>") {
		t.Fatalf("fallback %q", text)
	}

	b := button(0, bot.Button{Label: "Decline", Command: "request decline R1", Input: &bot.Input{Label: "Reasons", Placeholder: "Why"}})
	var spec inputSpec
	if err := json.Unmarshal([]byte(b.Value), &spec); err != nil || spec.Cmd != "request decline R1" || spec.Label != "Reasons" {
		t.Fatalf("input button value %q: %+v %v", b.Value, spec, err)
	}
	long := bot.Message{Text: strings.Repeat("line of text\n", 600)}
	blocks, _ = render(long, renderOpts{})
	if len(blocks) < 3 {
		t.Fatalf("long text in %d blocks, want it split", len(blocks))
	}
	for _, bl := range blocks {
		if n := len([]rune(bl.(*slack.SectionBlock).Text.Text)); n > maxSectionText {
			t.Fatalf("section of %d characters", n)
		}
	}
	many := bot.Message{}
	for range 60 {
		many.Buttons = append(many.Buttons, bot.Button{Label: "b", Command: "echo"})
	}
	many.Fields = make([]bot.Field, 600)
	blocks, _ = render(many, renderOpts{})
	if len(blocks) != maxMessageBlocks {
		t.Fatalf("%d blocks, want capped at %d", len(blocks), maxMessageBlocks)
	}
	if blocks[len(blocks)-1].BlockType() != slack.MBTContext {
		t.Fatalf("last block %s, want a context note", blocks[len(blocks)-1].BlockType())
	}
}

func TestChunkKeepsEscapes(t *testing.T) {
	s := strings.Repeat("a", 2997) + "&amp; <@U123> more"
	parts := chunk(s, 3000)
	if len(parts) != 2 || !strings.HasPrefix(parts[1], "&amp;") {
		t.Fatalf("cut inside an escape: %q", parts[len(parts)-1])
	}
	s = strings.Repeat("b", 2995) + "<@U123> x"
	if parts := chunk(s, 3000); !strings.HasPrefix(parts[1], "<@U123>") {
		t.Fatalf("cut inside a mention: %q", parts[1])
	}
}

func TestModals(t *testing.T) {
	o := origin{Channel: "G001", Thread: "1.2"}
	v := inputModal(inputSpec{Cmd: "request decline R1", Title: "Decline this request please now", Label: "Reasons"}, o)
	if v.CallbackID != callbackInput || len([]rune(v.Title.Text)) > maxModalTitle || len(v.Blocks.BlockSet) != 1 {
		t.Fatalf("input modal: %+v", v)
	}
	var meta modalMeta
	if err := json.Unmarshal([]byte(v.PrivateMetadata), &meta); err != nil || meta.Cmd != "request decline R1" || meta.Channel != "G001" || meta.Thread != "1.2" {
		t.Fatalf("metadata %q", v.PrivateMetadata)
	}
	f := bot.Form{Title: "Consent", Command: "consent", Questions: []bot.Question{
		{Key: "capacity", Text: "Capacity?", Options: []bot.Option{{Value: "yes", Label: "Yes"}, {Value: "no", Label: "No"}}},
		{Key: "agency", Text: "Agency?", Options: make([]bot.Option, 7)},
		{Key: "note", Text: "Note"},
	}}
	fv := formModal(f, "Intro", nil, o)
	got := []string{}
	for _, b := range fv.Blocks.BlockSet {
		if in, ok := b.(*slack.InputBlock); ok {
			got = append(got, in.BlockID+":"+string(in.Element.ElementType()))
		}
	}
	want := "q:capacity:radio_buttons q:agency:static_select q:note:plain_text_input"
	if strings.Join(got, " ") != want {
		t.Fatalf("form inputs %v, want %s", got, want)
	}
	if _, ok := fv.Blocks.BlockSet[0].(*slack.SectionBlock); !ok {
		t.Fatalf("first block should be the intro")
	}
}
