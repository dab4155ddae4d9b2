package teams

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/jointwork/jointwork/bot"
)

// Invoke names and response types (Universal Actions for Adaptive Cards).
const (
	invokeCardAction = "adaptiveCard/action"
	invokeTypeMsg    = "application/vnd.microsoft.activity.message"
	invokeTypeError  = "application/vnd.microsoft.error"
)

// invokeResponse is the body Teams expects in the HTTP response to an
// adaptiveCard/action invoke; msbotbuilder-go has no invoke responses.
type invokeResponse struct {
	StatusCode int    `json:"statusCode"`
	Type       string `json:"type"`
	Value      any    `json:"value"`
}

// onInvoke answers a card action synchronously: the command runs at once,
// short private replies travel back in the invoke response (Teams shows them
// to the person who pressed the button only) and the rest is delivered
// through the connector in the background.
func (a *Adapter) onInvoke(w http.ResponseWriter, r *http.Request, tr *turn) {
	if tr.act.Name != invokeCardAction {
		writeJSON(w, http.StatusNotImplemented, nil)
		return
	}
	cmd, ok := submitted(tr.act.Value)
	if !ok {
		writeJSON(w, http.StatusOK, invokeResponse{StatusCode: http.StatusBadRequest, Type: invokeTypeError,
			Value: map[string]string{"code": "BadRequest", "message": "This button has no command."}})
		return
	}
	ctx, cancel := context.WithTimeout(withTurn(context.WithoutCancel(r.Context()), tr), invokeTimeout)
	defer cancel()
	a.remember(ctx, tr)
	ev := a.event(tr, cmd, true, false)
	actor, msgs := a.opt.Bot.Process(ctx, a, ev)
	note, rest := splitPrivate(msgs, actor)
	if len(rest) > 0 {
		a.spawn(tr, func(ctx context.Context) { a.opt.Bot.Deliver(ctx, a, ev, actor, rest) })
	}
	if note == "" {
		note = "Done."
	}
	if went(actor, msgs) && settles(cmd) {
		// Universal Actions: the card is replaced by its outcome, buttons gone.
		writeJSON(w, http.StatusOK, invokeResponse{StatusCode: http.StatusOK, Type: cardContentType,
			Value: outcomeCard(cmd, actor, note)})
		return
	}
	writeJSON(w, http.StatusOK, invokeResponse{StatusCode: http.StatusOK, Type: invokeTypeMsg, Value: note})
}

// splitPrivate takes out the plain-text messages meant only for the actor.
func splitPrivate(msgs []bot.Message, actor string) (string, []bot.Message) {
	var notes []string
	var rest []bot.Message
	for _, m := range msgs {
		private := m.To.Kind == bot.Ephemeral && (m.To.User == "" || m.To.User == actor)
		if private && len(m.Buttons) == 0 && m.Form == nil && m.File == nil && len(m.Fields) == 0 {
			notes = append(notes, strings.Join(bot.PlainLines(m), "\n"))
			continue
		}
		rest = append(rest, m)
	}
	return strings.Join(notes, "\n\n"), rest
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}
