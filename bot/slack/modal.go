package slack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// Modal limits.
const (
	maxModalTitle  = 24
	maxModalBlocks = 100
	maxLabel       = 2000
	maxPlaceholder = 150
	maxRadio       = 5 // more options than this become a drop-down
	maxSelect      = 100
	maxInputText   = 3000
	formTTL        = 24 * time.Hour
)

// inputModal asks for the text a button's command needs (decline reasons).
func inputModal(spec inputSpec, o origin) slack.ModalViewRequest {
	el := slack.NewPlainTextInputBlockElement(nil, actionText)
	el.Multiline = true
	el.MinLength = 1
	el.MaxLength = maxInputText
	if spec.Placeholder != "" {
		el.Placeholder = plain(spec.Placeholder, maxPlaceholder)
	}
	label := spec.Label
	if label == "" {
		label = spec.Title
	}
	input := slack.NewInputBlock(blockText, plain(label, maxLabel), nil, el)
	return modal(callbackInput, spec.Title, modalMeta{Cmd: spec.Cmd, origin: o}, input)
}

// formModal shows every question of a form: radio buttons or a drop-down
// for questions with options, a text field for the others.
func formModal(f bot.Form, intro string, ids map[string]string, o origin) slack.ModalViewRequest {
	var blocks []slack.Block
	if intro != "" {
		blocks = append(blocks, slack.NewSectionBlock(md(mrkdwn(intro, ids), maxSectionText), nil, nil))
	}
	meta := modalMeta{Cmd: f.Command, origin: o}
	for _, q := range f.Questions {
		if len(blocks) == maxModalBlocks {
			break
		}
		meta.Keys = append(meta.Keys, q.Key)
		blocks = append(blocks, question(q))
	}
	title := f.Title
	if title == "" {
		title = f.Command
	}
	return modal(callbackForm, title, meta, blocks...)
}

func question(q bot.Question) slack.Block {
	var el slack.BlockElement
	switch {
	case len(q.Options) == 0:
		t := slack.NewPlainTextInputBlockElement(nil, actionAnswer)
		t.MaxLength = maxInputText
		el = t
	case len(q.Options) <= maxRadio:
		el = slack.NewRadioButtonsBlockElement(actionAnswer, options(q.Options)...)
	default:
		el = slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Choose…", maxPlaceholder), actionAnswer, options(q.Options)...)
	}
	return slack.NewInputBlock(blockQuestion+q.Key, plain(q.Text, maxLabel), nil, el)
}

func options(opts []bot.Option) []*slack.OptionBlockObject {
	out := make([]*slack.OptionBlockObject, 0, len(opts))
	for _, o := range opts[:min(len(opts), maxSelect)] {
		label := o.Label
		if label == "" {
			label = o.Value
		}
		out = append(out, slack.NewOptionBlockObject(truncate(o.Value, maxOptionValue), plain(label, maxButtonText), nil))
	}
	return out
}

func modal(callback, title string, meta modalMeta, blocks ...slack.Block) slack.ModalViewRequest {
	raw, _ := json.Marshal(meta)
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callback,
		Title:           plain(title, maxModalTitle),
		Submit:          plain("Submit", maxModalTitle),
		Close:           plain("Cancel", maxModalTitle),
		Blocks:          slack.Blocks{BlockSet: blocks},
		PrivateMetadata: string(raw),
	}
}

// openInput opens the modal of a button that asks for text first.
func (a *Adapter) openInput(ctx context.Context, trigger, rawSpec string, o origin) {
	var spec inputSpec
	if err := json.Unmarshal([]byte(rawSpec), &spec); err != nil || spec.Cmd == "" {
		a.log.Warn("slack: button with a bad input spec ignored")
		return
	}
	a.openView(ctx, trigger, inputModal(spec, o))
}

// storedForm is a Form kept in Redis until someone opens it with a button.
type storedForm struct {
	Form  bot.Form `json:"form"`
	Intro string   `json:"intro,omitempty"`
	origin
}

// saveForm keeps a form for formTTL and returns its id.
func (a *Adapter) saveForm(ctx context.Context, sf storedForm) (string, error) {
	var b [9]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	raw, err := json.Marshal(sf)
	if err != nil {
		return "", fmt.Errorf("slack: encode form: %w", err)
	}
	if err := a.store.SetValues(ctx, state.KV{Key: []string{"slack", "form", id}, Value: string(raw), TTL: formTTL}); err != nil {
		return "", fmt.Errorf("slack: save form: %w", err)
	}
	return id, nil
}

// openStoredForm opens the modal of a form saved by saveForm.
func (a *Adapter) openStoredForm(ctx context.Context, trigger, id string) {
	raw, err := a.store.Value(ctx, "slack", "form", id)
	if err != nil {
		a.log.Warn("slack: form not found (expired?)", "form", id, "err", err)
		return
	}
	var sf storedForm
	if err := json.Unmarshal([]byte(raw), &sf); err != nil {
		a.log.Warn("slack: stored form unreadable", "form", id, "err", err)
		return
	}
	ids := a.mentionIDs(ctx, sf.Intro)
	a.openView(ctx, trigger, formModal(sf.Form, sf.Intro, ids, sf.origin))
}

// openView calls views.open; trigger ids live three seconds, so there is
// no point retrying for long.
func (a *Adapter) openView(ctx context.Context, trigger string, v slack.ModalViewRequest) bool {
	if trigger == "" {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	err := a.call(ctx, "views.open", func(ctx context.Context) error {
		_, err := a.api.OpenViewContext(ctx, trigger, v)
		return err
	})
	if err != nil {
		a.log.Warn("slack views.open failed", "callback", v.CallbackID, "err", err)
		return false
	}
	return true
}
