package teamstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Conversation types.
const (
	Personal  = "personal"
	Channel   = "channel"
	GroupChat = "groupChat"
)

// Activity is an incoming activity as Teams sends it, as JSON.
type Activity map[string]any

var activitySeq atomic.Int64

// NewActivity is a message from <handle> in a conversation, with the
// connector's service URL and a fresh activity id.
func (f *Connector) NewActivity(kind, conv, handle, text string) Activity {
	a := Activity{
		"type": "message", "id": fmt.Sprintf("%d", 1700000000000+activitySeq.Add(1)),
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "serviceUrl": f.ServiceURL(), "channelId": "msteams",
		"from":         map[string]any{"id": "29:" + handle, "name": handle, "aadObjectId": "aad-" + handle},
		"recipient":    map[string]any{"id": "28:" + AppID, "name": "jointwork"},
		"conversation": map[string]any{"id": conv, "conversationType": kind, "tenantId": Tenant},
		"channelData":  map[string]any{"tenant": map[string]any{"id": Tenant}},
		"text":         text,
	}
	if kind == Channel {
		a["channelData"] = map[string]any{"tenant": map[string]any{"id": Tenant},
			"team": map[string]any{"id": "19:general@thread.tacv2"}, "channel": map[string]any{"id": "19:general@thread.tacv2"}}
	}
	return a
}

// MembersAdded is the conversationUpdate Teams sends when people are added
// to a channel or chat conv (by someone other than the bot).
func (f *Connector) MembersAdded(kind, conv string, handles ...string) Activity {
	a := f.NewActivity(kind, conv, "alex", "")
	a["type"] = "conversationUpdate"
	delete(a, "text")
	var added []any
	for _, h := range handles {
		added = append(added, map[string]any{"id": "29:" + h, "aadObjectId": "aad-" + h})
	}
	a["membersAdded"] = added
	return a
}

// PersonalMessage is <handle> writing in their chat with the bot,
// conversation "a:dm-aad-<handle>".
func (f *Connector) PersonalMessage(handle, text string) Activity {
	return f.NewActivity(Personal, "a:dm-aad-"+handle, handle, text)
}

// Mention is a message in a channel (or, with kind GroupChat, a chat) that
// @mentions the bot; each "@handle" in text becomes a Teams mention of that
// person ("<at>Handle Example</at>" with an entity for 29:<handle>).
func (f *Connector) Mention(kind, conv, handle, text string) Activity {
	ents := []any{map[string]any{"type": "mention", "text": "<at>jointwork</at>",
		"mentioned": map[string]any{"id": "28:" + AppID, "name": "jointwork"}}}
	words := strings.Fields(text)
	for i, w := range words {
		h, ok := strings.CutPrefix(w, "@")
		if !ok || h == "" {
			continue
		}
		at := "<at>" + strings.ToUpper(h[:1]) + h[1:] + " Example</at>"
		ents = append(ents, map[string]any{"type": "mention", "text": at,
			"mentioned": map[string]any{"id": "29:" + h, "name": h + " Example"}})
		words[i] = at
	}
	a := f.NewActivity(kind, conv, handle, "<at>jointwork</at> "+strings.Join(words, " "))
	a["entities"] = ents
	return a
}

// Post sends an activity to a bot's messaging endpoint with an
// Authorization header; the answer's body is read and kept.
func Post(tb testing.TB, endpoint string, a Activity, auth string) *http.Response {
	tb.Helper()
	body, _ := json.Marshal(a)
	req, _ := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp
}
