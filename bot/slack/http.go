package slack

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/jointwork/jointwork/bot/metrics"
)

// Paths the HTTP Events API is served on (set them as the Request URLs in
// the app manifest).
const (
	PathEvents        = "/slack/events"
	PathCommands      = "/slack/commands"
	PathInteractivity = "/slack/interactivity"
)

// workingText is the immediate answer to a slash command marked Slow.
const workingText = "Working on it…"

// busyText is the immediate answer when the background queue is full.
const busyText = "jointwork is very busy right now and could not take that. Please try again in a minute; nothing was changed."

// ack is the immediate answer to one request: an HTTP status and a body
// (nil for none, a string sent as text, anything else as JSON). The same
// value answers a Socket Mode envelope.
type ack struct {
	status int
	body   any
	// retry asks Slack to deliver the request again later (Socket Mode: no
	// ack at all).
	retry bool
}

var (
	ackOK   = ack{status: http.StatusOK}
	ackBusy = ack{status: http.StatusServiceUnavailable, retry: true}
	ackBad  = ack{status: http.StatusBadRequest}
)

// Routes mounts the three Slack endpoints on mux.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc(PathEvents, a.serve(srcEvents, a.parseEvent))
	mux.HandleFunc(PathCommands, a.serve(srcCommands, a.parseCommand))
	mux.HandleFunc(PathInteractivity, a.serve(srcInteractivity, a.parseInteraction))
}

func (a *Adapter) parseEvent(body []byte, h http.Header, put sink) ack {
	return a.event(body, h.Get("X-Slack-Retry-Num"), put)
}

func (a *Adapter) parseCommand(body []byte, _ http.Header, put sink) ack {
	c, err := parseSlash(body)
	if err != nil {
		return ackBad
	}
	return a.command(c, body, put)
}

func (a *Adapter) parseInteraction(body []byte, _ http.Header, put sink) ack {
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		return ackBad
	}
	return a.interaction([]byte(vals.Get("payload")), put)
}

// serve verifies the request, lets fn parse and queue it (durably first,
// with an inbox), and writes the ack.
func (a *Adapter) serve(src string, fn parser) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		buf, ok := a.readVerified(w, r)
		if !ok {
			a.met.Request(metrics.Slack, metrics.Rejected)
			return
		}
		res := a.accept(r.Context(), src, buf.Bytes(), r.Header, fn)
		release(buf)
		writeAck(w, res)
		a.met.Ack(metrics.Slack, time.Since(start))
		a.met.Request(metrics.Slack, metrics.StatusOutcome(res.status))
	}
}

func writeAck(w http.ResponseWriter, res ack) {
	switch b := res.body.(type) {
	case nil:
		w.WriteHeader(res.status)
	case string:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(res.status)
		_, _ = w.Write([]byte(b))
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(res.status)
		_, _ = w.Write(raw)
	}
}

// ephemeralBody is an immediate ephemeral reply to a slash command.
type ephemeralBody struct {
	ResponseType string `json:"response_type"`
	Text         string `json:"text"`
}
