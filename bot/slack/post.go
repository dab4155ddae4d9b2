package slack

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// post sends a message to a channel or thread. A file is uploaded
// (files.uploadV2) after the message's own content; if the upload fails the
// file is shown as a code block instead. A re-sent reply Slack already took
// is not posted again (resend.go).
func (a *Adapter) post(ctx context.Context, ch, thread string, m bot.Message, formID string) (bot.Ref, error) {
	if ts := a.resentBefore(ctx, ch, thread, m); ts != "" {
		a.log.Info("slack: re-sent reply was already posted; not posted again", "channel", ch)
		return bot.Ref{Channel: ch, ID: ts}, nil
	}
	if m.File == nil {
		return a.postBlocks(ctx, ch, thread, m, renderOpts{formID: formID})
	}
	var ref bot.Ref
	if hasBody(m) || formID != "" {
		body := m
		body.File = nil
		var err error
		if ref, err = a.postBlocks(ctx, ch, thread, body, renderOpts{formID: formID}); err != nil {
			return ref, err
		}
	}
	fref, err := a.upload(ctx, ch, thread, *m.File)
	if err != nil {
		a.log.Warn("slack: file not uploaded, shown inline", "channel", ch, "err", err)
		fref, err = a.postBlocks(ctx, ch, thread, bot.Message{File: m.File}, renderOpts{inlineFile: true})
	}
	if ref.ID == "" {
		ref = fref
	}
	return ref, err
}

func hasBody(m bot.Message) bool {
	return m.Title != "" || m.Text != "" || len(m.Fields) > 0 || m.Context != "" || len(m.Buttons) > 0
}

// postBlocks renders and calls chat.postMessage (link previews off: case
// channels should not fetch anything on their own).
func (a *Adapter) postBlocks(ctx context.Context, ch, thread string, m bot.Message, o renderOpts) (bot.Ref, error) {
	o.ids = a.mentionIDs(ctx, texts(m)...)
	blocks, text := render(m, o)
	var ts string
	err := a.call(ctx, "chat.postMessage", func(ctx context.Context) error {
		var err error
		_, ts, err = a.api.PostMessageContext(ctx, ch, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false),
			threadOpt(thread), slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl(), replyMetadata(ctx))
		return err
	})
	if err != nil {
		return bot.Ref{}, err
	}
	return bot.Ref{Channel: ch, ID: ts}, nil
}

// upload shares a file in a channel or thread with files.uploadV2.
func (a *Adapter) upload(ctx context.Context, ch, thread string, f bot.File) (bot.Ref, error) {
	if len(f.Content) == 0 {
		return bot.Ref{}, fmt.Errorf("slack: file %q is empty", f.Name)
	}
	err := a.call(ctx, "files.uploadV2", func(ctx context.Context) error {
		_, err := a.api.UploadFileContext(ctx, slack.UploadFileParameters{
			Filename: f.Name, Title: f.Name, Content: string(f.Content), FileSize: len(f.Content),
			Channel: ch, ThreadTimestamp: thread,
		})
		return err
	})
	if err != nil {
		return bot.Ref{}, err
	}
	return bot.Ref{Channel: ch}, nil
}

// respond answers a slash command or button privately through its
// response_url (used where the bot cannot post).
func (a *Adapter) respond(ctx context.Context, url string, m bot.Message, formID string) error {
	o := renderOpts{ids: a.mentionIDs(ctx, texts(m)...), formID: formID, inlineFile: true}
	blocks, text := render(m, o)
	msg := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, Text: text, Blocks: &slack.Blocks{BlockSet: blocks}}
	return a.call(ctx, "response_url", func(ctx context.Context) error {
		return slack.PostWebhookCustomHTTPContext(ctx, url, a.http, msg)
	})
}
