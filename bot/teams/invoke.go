package teams

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

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
// through the connector after the response. With an inbox the invoke is
// stored before it runs and removed only after its replies were sent, so a
// crash after the response leaves it to be finished elsewhere (invokedurable.go).
func (a *Adapter) onInvoke(w http.ResponseWriter, r *http.Request, body []byte, tr *turn) {
	if tr.act.Name != invokeCardAction {
		writeJSON(w, http.StatusNotImplemented, nil)
		return
	}
	cmd, ok := submitted(tr.act.Value)
	if !ok {
		writeJSON(w, http.StatusOK, invokeError(http.StatusBadRequest, "BadRequest", "This button has no command."))
		return
	}
	entry, err := a.keepInvoke(r.Context(), body)
	if err != nil {
		a.log.Warn("invoke not stored; refused", "err", err)
		writeJSON(w, http.StatusOK, invokeError(http.StatusServiceUnavailable, "ServiceUnavailable",
			"I could not take that just now. Please press the button again in a moment."))
		return
	}
	ans := &inlineAnswer{ch: make(chan inline, 1)}
	a.spawn(tr, func(ctx context.Context) { a.runInvoke(ctx, tr, cmd, entry, ans) })
	in := ans.wait(invokeTimeout)
	if in.settled {
		// Universal Actions: the card is replaced by its outcome, buttons gone.
		writeJSON(w, http.StatusOK, invokeResponse{StatusCode: http.StatusOK, Type: cardContentType,
			Value: outcomeCard(cmd, in.actor, in.note)})
		return
	}
	writeJSON(w, http.StatusOK, invokeResponse{StatusCode: http.StatusOK, Type: invokeTypeMsg, Value: in.note})
}

// runInvoke runs the command of an invoke, hands the private note to ans
// and delivers the rest; the event's replies are marked sent, and the
// stored invoke removed, only after that.
func (a *Adapter) runInvoke(ctx context.Context, tr *turn, cmd, entry string, ans *inlineAnswer) {
	a.remember(ctx, tr)
	ev := a.event(tr, cmd, true, false)
	a.opt.Bot.HandleWith(ctx, a, ev, func(actor string, msgs []bot.Message) {
		note, rest := splitPrivate(msgs, actor)
		if !ans.give(inline{note: note, actor: actor, settled: went(actor, msgs) && settles(cmd)}) {
			rest = msgs // the invoke was answered without it: send it all
		}
		a.die("answered")
		if len(rest) > 0 {
			a.opt.Bot.Deliver(ctx, a, ev, actor, rest)
		}
	})
	a.doneInvoke(ctx, entry)
}

// inline is what an invoke's run hands to the waiting HTTP handler: the
// private note, who pressed, and whether the action settled the card (its
// outcome replaces the card).
type inline struct {
	note, actor string
	settled     bool
}

// inlineAnswer hands the private note of an invoke's run to the waiting
// HTTP handler, unless it stopped waiting.
type inlineAnswer struct {
	mu   sync.Mutex
	late bool
	ch   chan inline
}

// give passes the answer on; false when the handler no longer waits.
func (x *inlineAnswer) give(note inline) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.late {
		return false
	}
	x.ch <- note
	return true
}

// wait returns the answer ("Done." for no note), or a holding line after d.
func (x *inlineAnswer) wait(d time.Duration) inline {
	t := time.NewTimer(d)
	defer t.Stop()
	var in inline
	select {
	case in = <-x.ch:
	case <-t.C:
		x.mu.Lock()
		select {
		case in = <-x.ch:
		default:
			x.late, in = true, inline{note: "Working on it. I will reply here when it is done."}
		}
		x.mu.Unlock()
	}
	if in.note == "" {
		in.note = "Done."
	}
	return in
}

func invokeError(status int, code, msg string) invokeResponse {
	return invokeResponse{StatusCode: status, Type: invokeTypeError, Value: map[string]string{"code": code, "message": msg}}
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
