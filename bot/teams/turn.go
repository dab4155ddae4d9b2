package teams

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

// Conversation types Teams puts in conversation.conversationType.
const (
	convPersonal = "personal"
	convChannel  = "channel"
	convGroup    = "groupChat"
)

// activity is an incoming activity: msbotbuilder-go's schema.Activity plus
// the parts its schema loses (mention entities, typed channelData, a value of
// any shape). The outer fields shadow the embedded ones when decoding.
type activity struct {
	schema.Activity
	Entities    []schema.Mention `json:"entities,omitempty"`
	ChannelData channelData      `json:"channelData"`
	Value       json.RawMessage  `json:"value,omitempty"`
}

type channelData struct {
	Tenant struct {
		ID string `json:"id"`
	} `json:"tenant"`
	Team struct {
		ID string `json:"id"`
	} `json:"team"`
	Channel struct {
		ID string `json:"id"`
	} `json:"channel"`
}

// turn is one incoming activity and where it came from; it travels in the
// context so Send, UserHandle and CreateChannel know the current user and
// conversation.
type turn struct {
	act    *activity
	kind   string // convPersonal, convChannel or convGroup
	conv   string // full conversation id
	base   string // conversation id without ";messageid=…"
	thread string // channel thread root, "" outside channels
	svc    string // service URL to answer on
	user   string // sender's Entra object id (channel account id when absent)
	tenant string
}

func newTurn(act *activity) *turn {
	tr := &turn{act: act, conv: act.Conversation.ID, svc: act.ServiceURL, kind: act.Conversation.ConversationType}
	tr.base, tr.thread = splitConversation(tr.conv)
	if tr.kind == "" {
		tr.kind = convPersonal
		if act.Conversation.IsGroup {
			tr.kind = convGroup
		}
	}
	if tr.kind == convChannel && tr.thread == "" {
		tr.thread = act.ID // a new post: the reply starts its thread
	}
	if tr.kind != convChannel {
		tr.thread = ""
	}
	tr.user = act.From.AadObjectID
	if tr.user == "" {
		tr.user = act.From.ID
	}
	tr.tenant = activityTenant(act)
	return tr
}

// splitConversation splits "19:x@thread.tacv2;messageid=123" into the
// channel id and the thread's root message id.
func splitConversation(id string) (base, thread string) {
	base, rest, found := strings.Cut(id, ";messageid=")
	if !found {
		return id, ""
	}
	return base, rest
}

// threadConversation is the conversation id of a thread in a channel.
func threadConversation(channel, thread string) string {
	return channel + ";messageid=" + thread
}

// isTeamChannel reports whether a conversation id names a channel of a team
// (which has threads) rather than a chat.
func isTeamChannel(id string) bool {
	return strings.HasSuffix(id, "@thread.tacv2") || strings.HasSuffix(id, "@thread.skype")
}

type turnKey struct{}

func withTurn(ctx context.Context, tr *turn) context.Context {
	if tr == nil {
		return ctx
	}
	return context.WithValue(ctx, turnKey{}, tr)
}

func turnFrom(ctx context.Context) *turn {
	tr, _ := ctx.Value(turnKey{}).(*turn)
	return tr
}
