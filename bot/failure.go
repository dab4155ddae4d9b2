package bot

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// failure turns an error into the reply the user sees; internal errors are
// logged with a short reference the user can quote, never with their text.
func (b *Bot) failure(ev *Event, actor string, err error) []Message {
	if err == nil {
		return nil
	}
	msg := Message{To: Target{Kind: Ephemeral, User: actor}, Kind: KindError}
	if _, ok := AsUserError(err); ok {
		msg.Text = userText(err)
		return []Message{msg}
	}
	if IsUnknownOutcome(err) {
		b.opt.Log.Warn("commit outcome unknown", "platform", ev.Platform, "event", ev.ID, "err", err)
		msg.Text = "I lost touch with the store while saving that, so I can't tell whether it was saved. Please check before doing it again."
		return []Message{msg}
	}
	if IsUnavailable(err) {
		b.opt.Log.Warn("store unavailable", "platform", ev.Platform, "event", ev.ID, "err", err)
		msg.Text = "I can't save anything right now, so nothing was changed. Please try again in a minute."
		return []Message{msg}
	}
	ref := newRef()
	b.opt.Log.Error("command failed", "ref", ref, "platform", ev.Platform, "event", ev.ID, "err", err)
	msg.Text = fmt.Sprintf("Something went wrong on our side (reference %s). Please try again; if it keeps happening, give your jointwork administrator that reference.", ref)
	return []Message{msg}
}

func userText(err error) string {
	if ue, ok := AsUserError(err); ok {
		return ue.Msg
	}
	return err.Error()
}

func newRef() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
