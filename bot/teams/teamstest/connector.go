package teamstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Member is what the connector's roster says about a person.
type Member struct {
	AadObjectID       string `json:"aadObjectId"`
	Email             string `json:"email"`
	UserPrincipalName string `json:"userPrincipalName,omitempty"`
}

// Connector is the Bot Connector service of one serviceUrl (its URL + "/").
// Posted activities get ids m1, m2, …; a personal conversation with a
// person is "a:dm-<entra id>" and can only be created once the app is
// installed for them (installed decides).
type Connector struct {
	*httptest.Server
	Recorder
	seq       atomic.Int64
	mu        sync.Mutex
	members   map[string]Member
	installed func(aad string) bool
	hold      chan struct{}
}

// NewConnector starts a connector; it stops when tb ends.
func NewConnector(tb testing.TB, installed func(aad string) bool) *Connector {
	f := &Connector{members: map[string]Member{}, installed: installed}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v3/conversations/{conv}/activities", f.post)
	mux.HandleFunc("POST /v3/conversations/{conv}/activities/{reply}", f.post)
	mux.HandleFunc("PUT /v3/conversations/{conv}/activities/{id}", f.put)
	mux.HandleFunc("POST /v3/conversations", f.create)
	mux.HandleFunc("GET /v3/conversations/{conv}/members/{id}", f.member)
	f.Server = httptest.NewServer(mux)
	tb.Cleanup(f.Close)
	return f
}

// ServiceURL is the serviceUrl activities carry.
func (f *Connector) ServiceURL() string { return f.URL + "/" }

// AddMember puts a channel account in every conversation's roster.
func (f *Connector) AddMember(id string, m Member) {
	f.mu.Lock()
	f.members[id] = m
	f.mu.Unlock()
}

// Hold makes posts wait until the returned function is called.
func (f *Connector) Hold() (release func()) {
	ch := make(chan struct{})
	f.mu.Lock()
	f.hold = ch
	f.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { close(ch) }) }
}

func (f *Connector) post(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, ConnectorToken) || f.throttled(w, r) {
		return
	}
	f.mu.Lock()
	hold := f.hold
	f.mu.Unlock()
	if hold != nil {
		<-hold
	}
	f.record(r, Request{Conv: r.PathValue("conv"), Reply: r.PathValue("reply")})
	_ = json.NewEncoder(w).Encode(map[string]string{"id": fmt.Sprintf("m%d", f.seq.Add(1))})
}

func (f *Connector) put(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, ConnectorToken) || f.throttled(w, r) {
		return
	}
	f.record(r, Request{Conv: r.PathValue("conv"), Reply: r.PathValue("id")})
	_ = json.NewEncoder(w).Encode(map[string]string{"id": r.PathValue("id")})
}

func (f *Connector) create(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, ConnectorToken) {
		return
	}
	s := f.record(r, Request{})
	members, _ := s.Body["members"].([]any)
	var aad string
	if len(members) == 1 {
		m, _ := members[0].(map[string]any)
		aad, _ = m["id"].(string)
	}
	if aad == "" || !f.installed(aad) {
		http.Error(w, `{"error":{"code":"Forbidden","message":"The bot is not part of the conversation roster."}}`, http.StatusForbidden)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"id": "a:dm-" + aad})
}

func (f *Connector) member(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, ConnectorToken) {
		return
	}
	f.mu.Lock()
	p, ok := f.members[r.PathValue("id")]
	f.mu.Unlock()
	if !ok {
		http.Error(w, `{"error":{"code":"MemberNotFoundInConversation","message":"no"}}`, http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(p)
}

// Posts are the activities posted to conversations, in order.
func (f *Connector) Posts() []Request { return f.Matching("POST /v3/conversations/") }

// Creations are the requests to create a conversation.
func (f *Connector) Creations() []Request { return f.Exact("POST", "/v3/conversations") }

// Texts is the text of everything posted to exactly this conversation.
func (f *Connector) Texts(conv string) []string {
	var out []string
	for _, s := range f.Posts() {
		if s.Conv == conv {
			out = append(out, ActivityText(s.Body))
		}
	}
	return out
}

// TextsIn is the text of everything posted in a channel, its threads
// ("<channel>;messageid=…") included.
func (f *Connector) TextsIn(channel string) []string {
	var out []string
	for _, s := range f.Posts() {
		if base, _, _ := strings.Cut(s.Conv, ";messageid="); base == channel {
			out = append(out, ActivityText(s.Body))
		}
	}
	return out
}

// ActivityText is the text of a posted activity; for a card, its text
// blocks and facts ("Label: value") joined by " | ".
func ActivityText(b map[string]any) string {
	if t, _ := b["text"].(string); t != "" {
		return untag(t)
	}
	var parts []string
	atts, _ := b["attachments"].([]any)
	for _, at := range atts {
		m, _ := at.(map[string]any)
		content, _ := m["content"].(map[string]any)
		body, _ := content["body"].([]any)
		for _, el := range body {
			e, _ := el.(map[string]any)
			if t, ok := e["text"].(string); ok {
				parts = append(parts, t)
			}
			facts, _ := e["facts"].([]any)
			for _, fa := range facts {
				fm, _ := fa.(map[string]any)
				parts = append(parts, fmt.Sprint(fm["title"], ": ", fm["value"]))
			}
		}
	}
	return untag(strings.Join(parts, " | "))
}

// untag shows mentions as Teams displays them: "<at>@chris</at>" reads "@chris".
func untag(s string) string {
	return strings.NewReplacer("<at>", "", "</at>", "").Replace(s)
}
