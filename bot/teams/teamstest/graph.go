package teamstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// User is a Graph user.
type User struct {
	ID                string `json:"id"`
	Mail              string `json:"mail"`
	UserPrincipalName string `json:"userPrincipalName"`
}

// Graph is the part of Microsoft Graph jointwork uses, under /v1.0: users,
// private channels and their members in any team, group chats, the app
// catalog (jointwork's catalog id is "catalog-jw") and app installs.
// Channels are "19:case<N>@thread.tacv2", chats "19:chat<N>@thread.v2";
// a member's membership id is "mem-<entra id>".
type Graph struct {
	*httptest.Server
	Recorder
	mu           sync.Mutex
	users        map[string]User
	channels     map[string]string   // display name → id
	members      map[string][]string // channel or chat id → membership ids
	installs     map[string]bool     // Entra id → app installed for the user
	archived     map[string]bool     // channel id → archived
	limitReached bool
	noCatalog    bool
	seq          int
}

// NewGraph starts the fake; it stops when tb ends.
func NewGraph(tb testing.TB) *Graph {
	f := &Graph{users: map[string]User{}, channels: map[string]string{}, members: map[string][]string{}, installs: map[string]bool{}, archived: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1.0/users/{id}", f.getUser)
	mux.HandleFunc("GET /v1.0/users", f.findUser)
	mux.HandleFunc("POST /v1.0/teams/{team}/channels", f.createChannel)
	mux.HandleFunc("POST /v1.0/teams/{team}/members", f.ok)
	mux.HandleFunc("POST /v1.0/teams/{team}/channels/{ch}/members", f.addMember)
	mux.HandleFunc("GET /v1.0/teams/{team}/channels/{ch}/members", f.listMembers)
	mux.HandleFunc("DELETE /v1.0/teams/{team}/channels/{ch}/members/{mid}", f.deleteMember)
	mux.HandleFunc("POST /v1.0/teams/{team}/channels/{ch}/archive", f.archive)
	mux.HandleFunc("GET /v1.0/teams/{team}/channels", f.listChannels)
	mux.HandleFunc("POST /v1.0/chats", f.createChat)
	mux.HandleFunc("POST /v1.0/chats/{ch}/installedApps", f.ok)
	mux.HandleFunc("POST /v1.0/chats/{ch}/members", f.addMember)
	mux.HandleFunc("GET /v1.0/chats/{ch}/members", f.listMembers)
	mux.HandleFunc("DELETE /v1.0/chats/{ch}/members/{mid}", f.deleteMember)
	mux.HandleFunc("GET /v1.0/appCatalogs/teamsApps", f.catalog)
	mux.HandleFunc("POST /v1.0/users/{id}/teamwork/installedApps", f.install)
	f.Server = httptest.NewServer(mux)
	tb.Cleanup(f.Close)
	return f
}

// BaseURL is the Graph base URL (JOINTWORK_GRAPH_URL).
func (f *Graph) BaseURL() string { return f.URL + "/v1.0" }

// AddUser adds a user; a guest's UPN differs from their mail.
func (f *Graph) AddUser(id, mail, upn string) {
	f.mu.Lock()
	f.users[id] = User{ID: id, Mail: mail, UserPrincipalName: upn}
	f.mu.Unlock()
}

// InstalledFor reports whether the app was installed for a user.
func (f *Graph) InstalledFor(aad string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.installs[aad]
}

// Channel returns the id of the channel with that display name, or "".
func (f *Graph) Channel(name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.channels[name]
}

// SetChannel makes a channel name taken.
func (f *Graph) SetChannel(name, id string) {
	f.mu.Lock()
	f.channels[name] = id
	f.mu.Unlock()
}

// SetLimitReached makes private channel creation fail as when a team has
// no room left.
func (f *Graph) SetLimitReached(v bool) {
	f.mu.Lock()
	f.limitReached = v
	f.mu.Unlock()
}

// SetNoCatalog hides jointwork from the app catalog.
func (f *Graph) SetNoCatalog(v bool) {
	f.mu.Lock()
	f.noCatalog = v
	f.mu.Unlock()
}

// Join adds a user to a channel or chat as a Teams member would, outside
// the bot.
func (f *Graph) Join(ch, aad string) {
	f.mu.Lock()
	f.members[ch] = append(f.members[ch], "mem-"+aad)
	f.mu.Unlock()
}

// Members returns the membership ids of a channel or chat.
func (f *Graph) Members(ch string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.members[ch]...)
}

// gate checks the token, throttles if asked and records the request.
func (f *Graph) gate(w http.ResponseWriter, r *http.Request) (Request, bool) {
	if !authorized(w, r, GraphToken) || f.throttled(w, r) {
		return Request{}, false
	}
	return f.record(r, Request{Conv: r.PathValue("ch")}), true
}

func (f *Graph) ok(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.gate(w, r); ok {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (f *Graph) getUser(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.gate(w, r); !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id := r.PathValue("id")
	for _, u := range f.users {
		if u.ID == id || strings.EqualFold(u.UserPrincipalName, id) {
			_ = json.NewEncoder(w).Encode(u)
			return
		}
	}
	http.Error(w, `{"error":{"code":"Request_ResourceNotFound","message":"no such user"}}`, http.StatusNotFound)
}

// findUser answers $filter=mail eq '…' (how guests are found by e-mail).
func (f *Graph) findUser(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.gate(w, r); !ok {
		return
	}
	mail, ok := strings.CutPrefix(r.URL.Query().Get("$filter"), "mail eq '")
	mail = strings.TrimSuffix(mail, "'")
	found := []any{}
	f.mu.Lock()
	for _, u := range f.users {
		if ok && strings.EqualFold(u.Mail, mail) {
			found = append(found, u)
		}
	}
	f.mu.Unlock()
	_ = json.NewEncoder(w).Encode(map[string]any{"value": found})
}

func (f *Graph) createChannel(w http.ResponseWriter, r *http.Request) {
	s, ok := f.gate(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	name, _ := s.Body["displayName"].(string)
	switch {
	case f.limitReached:
		http.Error(w, `{"error":{"code":"BadRequest","message":"Maximum number of private channels per team limit reached."}}`, http.StatusBadRequest)
		return
	case f.channels[name] != "":
		http.Error(w, `{"error":{"code":"NameAlreadyExists","message":"Channel name already existed, please use other name."}}`, http.StatusBadRequest)
		return
	}
	f.seq++
	id := fmt.Sprintf("19:case%d@thread.tacv2", f.seq)
	f.channels[name] = id
	f.members[id] = []string{"mem-" + BindID(s.Body["members"])}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "displayName": name, "membershipType": "private"})
}

// BindID takes the user id out of the first member's user@odata.bind.
func BindID(members any) string {
	list, _ := members.([]any)
	if len(list) == 0 {
		return ""
	}
	m, _ := list[0].(map[string]any)
	bind, _ := m["user@odata.bind"].(string)
	_, rest, _ := strings.Cut(bind, "users('")
	id, _, _ := strings.Cut(rest, "')")
	return id
}

func (f *Graph) addMember(w http.ResponseWriter, r *http.Request) {
	s, ok := f.gate(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	f.members[s.Conv] = append(f.members[s.Conv], "mem-"+BindID([]any{s.Body}))
	f.mu.Unlock()
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": "mem-" + BindID([]any{s.Body})})
}

func (f *Graph) listMembers(w http.ResponseWriter, r *http.Request) {
	s, ok := f.gate(w, r)
	if !ok {
		return
	}
	list := []any{}
	for _, m := range f.Members(s.Conv) {
		list = append(list, map[string]string{"id": m, "userId": strings.TrimPrefix(m, "mem-")})
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"value": list})
}

func (f *Graph) deleteMember(w http.ResponseWriter, r *http.Request) {
	s, ok := f.gate(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var keep []string
	for _, m := range f.members[s.Conv] {
		if m != r.PathValue("mid") {
			keep = append(keep, m)
		}
	}
	f.members[s.Conv] = keep
	w.WriteHeader(http.StatusNoContent)
}

func (f *Graph) createChat(w http.ResponseWriter, r *http.Request) {
	s, ok := f.gate(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	f.seq++
	id := fmt.Sprintf("19:chat%d@thread.v2", f.seq)
	f.members[id] = []string{"mem-" + BindID(s.Body["members"])}
	f.mu.Unlock()
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "chatType": "group"})
}

func (f *Graph) catalog(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.gate(w, r); !ok {
		return
	}
	f.mu.Lock()
	hidden := f.noCatalog
	f.mu.Unlock()
	if hidden || !strings.Contains(r.URL.Query().Get("$filter"), AppID) {
		_ = json.NewEncoder(w).Encode(map[string]any{"value": []any{}})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"value": []any{map[string]string{"id": "catalog-jw", "externalId": AppID}}})
}

func (f *Graph) install(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.gate(w, r); !ok {
		return
	}
	f.mu.Lock()
	f.installs[r.PathValue("id")] = true
	f.mu.Unlock()
	w.WriteHeader(http.StatusCreated)
}
