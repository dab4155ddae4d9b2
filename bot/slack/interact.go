package slack

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/jointwork/jointwork/bot"
)

// Block Kit ids the renderer sets and the interaction handler reads.
const (
	actionRun     = "jw:run"   // a button whose value is a command
	actionAsk     = "jw:ask"   // a button that asks for text in a modal first
	actionForm    = "jw:form"  // a button that opens a stored form
	callbackInput = "jw:input" // the modal of an actionAsk button
	callbackForm  = "jw:form"  // the modal of a Form
	blockText     = "jw:text"
	actionText    = "text"
	blockQuestion = "q:"
	actionAnswer  = "a"
)

// origin is where an interaction happened, so its replies go there.
type origin struct {
	Channel string `json:"ch,omitempty"`
	Thread  string `json:"th,omitempty"`
	DM      bool   `json:"dm,omitempty"`
	Home    bool   `json:"h,omitempty"`
}

// interaction parses an interactivity payload and queues its work.
func (a *Adapter) interaction(payload []byte, put sink) ack {
	if len(payload) == 0 {
		return ackBad
	}
	var ic slack.InteractionCallback
	if err := json.Unmarshal(payload, &ic); err != nil {
		return ackBad
	}
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		job := a.actionJob(&ic, payload)
		if job != nil && !put(job) {
			a.busy("button")
			return ackBusy
		}
	case slack.InteractionTypeViewSubmission:
		return a.submission(&ic, payload, put)
	}
	return ackOK
}

func originOf(ic *slack.InteractionCallback) origin {
	o := origin{Channel: ic.Container.ChannelID, Thread: ic.Container.ThreadTs}
	if o.Channel == "" {
		o.Channel = ic.Channel.ID
	}
	if o.Thread == "" {
		o.Thread = ic.Message.ThreadTimestamp
	}
	o.Home = ic.View.Type == slack.VTHomeTab
	o.DM = o.Home || strings.HasPrefix(o.Channel, "D")
	return o
}

// actionJob returns the work for a button press, or nil when it is not ours.
func (a *Adapter) actionJob(ic *slack.InteractionCallback, raw []byte) func(context.Context) {
	o, user, trigger, resp := originOf(ic), ic.User.ID, ic.TriggerID, ic.ResponseURL
	id := requestID("ia:", trigger, raw)
	for _, act := range ic.ActionCallback.BlockActions {
		switch {
		case strings.HasPrefix(act.ActionID, actionRun):
			cmd, label, blocks := act.Value, act.Text.Text, ic.Message.Blocks
			return func(ctx context.Context) {
				if a.runAs(ctx, id, o, user, cmd, trigger, resp) && settles(cmd) {
					a.settle(ctx, resp, blocks, label, user)
				}
			}
		case strings.HasPrefix(act.ActionID, actionAsk):
			spec := act.Value
			return func(ctx context.Context) { a.openInput(ctx, trigger, spec, o) }
		case strings.HasPrefix(act.ActionID, actionForm):
			formID := act.Value
			return func(ctx context.Context) { a.openStoredForm(ctx, trigger, formID) }
		}
	}
	return nil
}

// runAs runs a command as the user who pressed a button or sent a modal,
// and reports whether it went through (no error reply).
func (a *Adapter) runAs(ctx context.Context, id string, o origin, user, cmd, trigger, resp string) bool {
	in := &inbound{user: user, channel: o.Channel, thread: o.Thread, dm: o.DM, home: o.Home,
		responseURL: resp, trigger: trigger}
	if o.Home || o.Channel == "" {
		ch, err := a.dmChannel(ctx, user)
		if err != nil {
			a.log.Warn("slack: no DM channel for a button press", "user", user, "err", err)
		}
		in.channel, in.thread, in.dm = ch, "", true
	}
	place := bot.Place{Kind: bot.Channel, Channel: in.channel, Thread: in.thread}
	if in.dm {
		place.Kind = bot.DM
	}
	ctx = withInbound(ctx, in)
	ev := &bot.Event{ID: id, Platform: Platform, UserID: user, Place: place,
		Text: cmd, Command: true, At: time.Now(), ResponseURL: resp}
	actor, msgs := a.bot.HandleReplies(ctx, a, ev)
	if o.Home {
		a.publishHome(ctx, user, in.channel)
	}
	for _, m := range msgs {
		if m.Kind == bot.KindError {
			return false
		}
	}
	return actor != ""
}

// modalMeta is a modal's private_metadata: what to run on submission and
// where the replies go.
type modalMeta struct {
	Cmd  string   `json:"c"`
	Keys []string `json:"k,omitempty"`
	origin
}

// submission turns a modal's answers into a command line and queues it. An
// empty text answer keeps the modal open with an error under the field.
func (a *Adapter) submission(ic *slack.InteractionCallback, raw []byte, put sink) ack {
	var meta modalMeta
	if err := json.Unmarshal([]byte(ic.View.PrivateMetadata), &meta); err != nil || meta.Cmd == "" {
		return ackOK
	}
	var text string
	switch ic.View.CallbackID {
	case callbackInput:
		v := strings.TrimSpace(stateValue(ic.View.State, blockText, actionText))
		if v == "" {
			return ack{status: 200, body: slack.NewErrorsViewSubmissionResponse(map[string]string{blockText: "Please write something here."})}
		}
		text = meta.Cmd + " " + v
	case callbackForm:
		text = formLine(meta, ic.View.State)
	default:
		return ackOK
	}
	id := requestID("ia:", ic.TriggerID, raw)
	user, trigger := ic.User.ID, ic.TriggerID
	if !put(func(ctx context.Context) { a.runAs(ctx, id, meta.origin, user, text, trigger, "") }) {
		return ack{status: 200, body: slack.NewErrorsViewSubmissionResponse(map[string]string{firstBlock(meta): busyText})}
	}
	return ackOK
}

func firstBlock(m modalMeta) string {
	if len(m.Keys) > 0 {
		return blockQuestion + m.Keys[0]
	}
	return blockText
}

// formLine is "COMMAND key=value …" in the order of the questions.
func formLine(meta modalMeta, st *slack.ViewState) string {
	parts := []string{meta.Cmd}
	for _, k := range meta.Keys {
		v := strings.Join(strings.Fields(stateValue(st, blockQuestion+k, actionAnswer)), " ")
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, " ")
}

func stateValue(st *slack.ViewState, block, action string) string {
	if st == nil {
		return ""
	}
	act, ok := st.Values[block][action]
	if !ok {
		return ""
	}
	if act.SelectedOption.Value != "" {
		return act.SelectedOption.Value
	}
	return act.Value
}
