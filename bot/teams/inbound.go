package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/jointwork/jointwork/bot"
)

// serveMessages is the Bot Framework messaging endpoint. The JWT is checked
// before anything is acted on; messages are acknowledged at once and handled
// in the background, card invokes are answered with an invoke response.
func (a *Adapter) serveMessages(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "activity too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	var act activity
	if err := json.Unmarshal(body, &act); err != nil || act.Type == "" {
		http.Error(w, "not an activity", http.StatusBadRequest)
		return
	}
	if err := a.auth.verify(r.Context(), r.Header.Get("Authorization"), act.ChannelID, act.ServiceURL); err != nil {
		a.log.Warn("activity refused", "type", act.Type, "reason", err.Error())
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	tr := newTurn(&act)
	a.log.Debug("activity", "type", act.Type, "id", act.ID, "conversation", tr.kind)
	var ok bool
	switch act.Type {
	case "message":
		ok = a.background(tr, func(ctx context.Context) { a.onMessage(ctx, tr) })
	case "invoke":
		if ok = a.begin(); ok {
			defer a.wg.Done()
			a.onInvoke(w, r, tr)
			return
		}
	default: // conversationUpdate, installationUpdate, reactions, typing…
		ok = a.background(tr, func(ctx context.Context) { a.remember(ctx, tr) })
	}
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) onMessage(ctx context.Context, tr *turn) {
	a.remember(ctx, tr)
	ev := a.messageEvent(ctx, tr)
	if ev == nil {
		return
	}
	actor, msgs := a.opt.Bot.Process(ctx, a, ev)
	a.opt.Bot.Deliver(ctx, a, ev, actor, msgs)
	if ev.Command && tr.act.ReplyToID != "" && len(tr.act.Value) > 0 {
		a.settleCard(ctx, tr, ev.Text, actor, msgs)
	}
}

// messageEvent turns a message activity (typed text or an Action.Submit from
// a card) into a kernel event, or nil when there is nothing to act on.
func (a *Adapter) messageEvent(ctx context.Context, tr *turn) *bot.Event {
	if cmd, ok := submitted(tr.act.Value); ok {
		return a.event(tr, cmd, true, false)
	}
	text, mention := a.messageText(ctx, tr)
	if text == "" && !mention {
		return nil
	}
	return a.event(tr, text, false, mention)
}

func (a *Adapter) event(tr *turn, text string, command, mention bool) *bot.Event {
	ev := &bot.Event{
		ID:       tr.base + "/" + tr.act.ID,
		Platform: Platform,
		UserID:   tr.user,
		Text:     text,
		Command:  command,
		Mention:  mention,
		At:       tr.act.Timestamp,
		Place:    bot.Place{Kind: bot.Channel, Channel: tr.base, Thread: tr.thread},
	}
	if tr.act.ID == "" {
		ev.ID = "" // nothing to deduplicate on
	}
	if tr.kind == convPersonal {
		ev.Place = bot.Place{Kind: bot.DM, Channel: tr.base}
	}
	if ev.At.IsZero() {
		ev.At = a.opt.Now()
	}
	return ev
}

// submitted reads the data of an Action.Submit (see render.go): the command,
// plus the text of the button's input or the form's answers as key=value.
func submitted(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", false
	}
	if act, ok := v["action"].(map[string]any); ok { // adaptiveCard/action invoke
		if data, ok := act["data"].(map[string]any); ok {
			v = data
		}
	}
	cmd := strings.TrimSpace(str(v[keyCommand]))
	if cmd == "" {
		return "", false
	}
	if in := str(v[keyInput]); in != "" {
		if t := strings.TrimSpace(str(v[in])); t != "" {
			cmd += " " + t
		}
	}
	for _, k := range strings.Fields(str(v[keyForm])) {
		if ans := strings.Join(strings.Fields(str(v[formField(k)])), "_"); ans != "" {
			cmd += " " + k + "=" + ans
		}
	}
	return cmd, true
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
