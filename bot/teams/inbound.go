package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/metrics"
)

// serveMessages is the Bot Framework messaging endpoint. The JWT is checked
// before anything is acted on; messages are acknowledged at once and handled
// in the background, card invokes are answered with an invoke response.
func (a *Adapter) serveMessages(w http.ResponseWriter, r *http.Request) {
	start, sw := time.Now(), &statusWriter{ResponseWriter: w, status: http.StatusOK}
	a.activity(sw, r)
	a.opt.Metrics.Ack(metrics.Teams, time.Since(start))
	a.opt.Metrics.Request(metrics.Teams, metrics.StatusOutcome(sw.status))
}

// statusWriter remembers the status a handler answered with (for metrics).
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// activity authenticates, reads and dispatches one activity: the token is
// checked before the body is read, so nothing from an unauthenticated
// caller is parsed or logged.
func (a *Adapter) activity(w http.ResponseWriter, r *http.Request) {
	tok, err := a.auth.token(r.Context(), r.Header.Get("Authorization"))
	if err != nil {
		a.log.Warn("activity refused", "reason", err.Error())
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	act, body, status := a.readActivity(w, r, tok)
	if act == nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	tr := newTurn(act)
	a.log.Debug("activity", "type", act.Type, "id", act.ID, "conversation", tr.kind)
	var ok bool
	switch act.Type {
	case "message":
		ok = a.later(r.Context(), body, tr, func(ctx context.Context) { a.onMessage(ctx, tr) })
	case "invoke":
		if ok = a.begin(); ok {
			defer a.wg.Done()
			a.onInvoke(w, r, body, tr)
			return
		}
	case "conversationUpdate":
		ok = a.later(r.Context(), body, tr, func(ctx context.Context) { a.remember(ctx, tr); a.onMembersAdded(ctx, tr) })
	default: // installationUpdate, reactions, typing…
		ok = a.later(r.Context(), body, tr, func(ctx context.Context) { a.remember(ctx, tr) })
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
	actor, msgs := a.opt.Bot.HandleReplies(ctx, a, ev)
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

// readActivity reads an authenticated activity of at most MaxInbound bytes,
// checks it against the token and the tenant allowlist, and returns it, or
// nil and the status to refuse it with.
func (a *Adapter) readActivity(w http.ResponseWriter, r *http.Request, tok *checkedToken) (*activity, []byte, int) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxInbound))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, nil, http.StatusRequestEntityTooLarge
		}
		return nil, nil, http.StatusBadRequest
	}
	var act activity
	if err := json.Unmarshal(body, &act); err != nil || act.Type == "" {
		return nil, nil, http.StatusBadRequest
	}
	if err := tok.matches(act.ChannelID, act.ServiceURL); err != nil {
		a.log.Warn("activity refused", "reason", err.Error())
		return nil, nil, http.StatusUnauthorized
	}
	if t := activityTenant(&act); !a.opt.Config.tenantAllowed(t) {
		a.log.Warn("activity refused: tenant not in JOINTWORK_TEAMS_TENANTS", "tenant", t)
		return nil, nil, http.StatusForbidden
	}
	return &act, body, 0
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
