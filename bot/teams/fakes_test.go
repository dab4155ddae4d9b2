package teams

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Tokens the fake issuer hands out, per scope; the fake servers insist on them.
const (
	connectorToken = "fake-connector-token"
	graphToken     = "fake-graph-token"
	testAppID      = "00000000-0000-0000-0000-0000000a0001"
	testTenant     = "tenant-1"
)

// fakeIssuer is the Bot Framework login service: OpenID metadata, a JWKS
// with its own RSA keys, and a client-credentials token endpoint.
type fakeIssuer struct {
	*httptest.Server
	mu           sync.Mutex
	keys         map[string]*rsa.PrivateKey
	endorsements []string
	metaFetches  atomic.Int64
	tokenScopes  []string
}

func newFakeIssuer(t testing.TB) *fakeIssuer {
	f := &fakeIssuer{keys: map[string]*rsa.PrivateKey{}, endorsements: []string{"msteams"}}
	f.addKey(t, "k1")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openid", func(w http.ResponseWriter, r *http.Request) {
		f.metaFetches.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": botFrameworkIssuer, "jwks_uri": f.URL + "/keys"})
	})
	mux.HandleFunc("GET /keys", f.serveKeys)
	mux.HandleFunc("POST /token", f.serveToken)
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeIssuer) addKey(t testing.TB, kid string) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.keys[kid] = k
	f.mu.Unlock()
	return k
}

func (f *fakeIssuer) serveKeys(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var keys []any
	for kid, k := range f.keys {
		keys = append(keys, map[string]any{
			"kty": "RSA", "use": "sig", "kid": kid,
			"n":            base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
			"e":            base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()),
			"endorsements": f.endorsements,
		})
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"keys": keys})
}

func (f *fakeIssuer) serveToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Form.Get("grant_type") != "client_credentials" ||
		r.Form.Get("client_id") != testAppID || r.Form.Get("client_secret") != "s3cret" {
		http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
		return
	}
	scope := r.Form.Get("scope")
	f.mu.Lock()
	f.tokenScopes = append(f.tokenScopes, scope)
	f.mu.Unlock()
	tok := connectorToken
	if strings.Contains(scope, "graph.microsoft.com") {
		tok = graphToken
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600})
}

// claims are the claims of a good channel token for serviceURL at now.
func goodClaims(serviceURL string, now time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"iss": botFrameworkIssuer, "aud": testAppID, "serviceurl": serviceURL,
		"nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(), "iat": now.Add(-time.Minute).Unix(),
	}
}

func (f *fakeIssuer) sign(t testing.TB, kid string, claims jwt.MapClaims) string {
	t.Helper()
	f.mu.Lock()
	k := f.keys[kid]
	f.mu.Unlock()
	if k == nil {
		t.Fatalf("no key %s", kid)
	}
	return signWith(t, k, kid, claims)
}

func signWith(t testing.TB, k *rsa.PrivateKey, kid string, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sent is one request a fake server received.
type sent struct {
	Method, Path string
	Conv, Reply  string
	Body         map[string]any
}

// recorder keeps requests and can answer the next matching one with 429.
type recorder struct {
	mu       sync.Mutex
	reqs     []sent
	throttle map[string]int // method+" "+path prefix → 429s still to give
}

func (rc *recorder) record(r *http.Request, s sent) {
	if r.Body != nil {
		_ = json.NewDecoder(r.Body).Decode(&s.Body)
	}
	s.Method, s.Path = r.Method, r.URL.Path
	rc.mu.Lock()
	rc.reqs = append(rc.reqs, s)
	rc.mu.Unlock()
}

// throttled answers 429 with Retry-After when a 429 is pending for r.
func (rc *recorder) throttled(w http.ResponseWriter, r *http.Request) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for prefix, n := range rc.throttle {
		if n > 0 && strings.HasPrefix(r.Method+" "+r.URL.Path, prefix) {
			rc.throttle[prefix] = n - 1
			w.Header().Set("Retry-After", "2")
			http.Error(w, `{"error":{"code":"TooManyRequests","message":"slow down"}}`, http.StatusTooManyRequests)
			return true
		}
	}
	return false
}

func (rc *recorder) throttleNext(prefix string, n int) {
	rc.mu.Lock()
	if rc.throttle == nil {
		rc.throttle = map[string]int{}
	}
	rc.throttle[prefix] = n
	rc.mu.Unlock()
}

func (rc *recorder) all() []sent {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]sent(nil), rc.reqs...)
}

// matching returns the requests whose "METHOD path" starts with prefix.
func (rc *recorder) matching(prefix string) []sent {
	var out []sent
	for _, s := range rc.all() {
		if strings.HasPrefix(s.Method+" "+s.Path, prefix) {
			out = append(out, s)
		}
	}
	return out
}

func authorized(w http.ResponseWriter, r *http.Request, token string) bool {
	if r.Header.Get("Authorization") != "Bearer "+token {
		http.Error(w, `{"error":{"code":"Unauthorized","message":"bad token"}}`, http.StatusUnauthorized)
		return false
	}
	return true
}

// fakeConnector is the Bot Connector service of one serviceUrl.
type fakeConnector struct {
	*httptest.Server
	recorder
	seq       atomic.Int64
	members   map[string]profile // channel account id → profile
	installed func(aad string) bool
	hold      chan struct{} // when set, posts wait until it is closed
}

func newFakeConnector(t testing.TB, installed func(string) bool) *fakeConnector {
	f := &fakeConnector{members: map[string]profile{}, installed: installed}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v3/conversations/{conv}/activities", f.post)
	mux.HandleFunc("POST /v3/conversations/{conv}/activities/{reply}", f.post)
	mux.HandleFunc("PUT /v3/conversations/{conv}/activities/{id}", f.put)
	mux.HandleFunc("POST /v3/conversations", f.create)
	mux.HandleFunc("GET /v3/conversations/{conv}/members/{id}", f.member)
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeConnector) post(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, connectorToken) || f.throttled(w, r) {
		return
	}
	if f.hold != nil {
		<-f.hold
	}
	f.record(r, sent{Conv: r.PathValue("conv"), Reply: r.PathValue("reply")})
	_ = json.NewEncoder(w).Encode(map[string]string{"id": fmt.Sprintf("m%d", f.seq.Add(1))})
}

func (f *fakeConnector) put(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, connectorToken) || f.throttled(w, r) {
		return
	}
	f.record(r, sent{Conv: r.PathValue("conv"), Reply: r.PathValue("id")})
	_ = json.NewEncoder(w).Encode(map[string]string{"id": r.PathValue("id")})
}

func (f *fakeConnector) create(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, connectorToken) {
		return
	}
	var p convParams
	_ = json.NewDecoder(r.Body).Decode(&p)
	f.mu.Lock()
	f.reqs = append(f.reqs, sent{Method: r.Method, Path: r.URL.Path, Body: map[string]any{"member": p.Members[0].ID, "tenant": p.TenantID}})
	f.mu.Unlock()
	if len(p.Members) != 1 || !f.installed(p.Members[0].ID) {
		http.Error(w, `{"error":{"code":"Forbidden","message":"The bot is not part of the conversation roster."}}`, http.StatusForbidden)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"id": "a:dm-" + p.Members[0].ID})
}

func (f *fakeConnector) member(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, connectorToken) {
		return
	}
	p, ok := f.members[r.PathValue("id")]
	if !ok {
		http.Error(w, `{"error":{"code":"MemberNotFoundInConversation","message":"no"}}`, http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(p)
}

// fakeGraph is the part of Microsoft Graph the adapter uses, under /v1.0.
type fakeGraph struct {
	*httptest.Server
	recorder
	mu           sync.Mutex
	users        map[string]graphUser // by id
	channels     map[string]string    // display name → id
	chanMembers  map[string][]string  // channel or chat id → member ids "mem-<aad>"
	installs     map[string]bool      // aad → app installed for the user
	limitReached bool
	noCatalog    bool
	seq          int
}

func newFakeGraph(t testing.TB) *fakeGraph {
	f := &fakeGraph{users: map[string]graphUser{}, channels: map[string]string{}, chanMembers: map[string][]string{}, installs: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1.0/users/{id}", f.getUser)
	mux.HandleFunc("GET /v1.0/users", f.findUser)
	mux.HandleFunc("POST /v1.0/teams/{team}/channels", f.createChannel)
	mux.HandleFunc("POST /v1.0/teams/{team}/members", f.ok)
	mux.HandleFunc("POST /v1.0/teams/{team}/channels/{ch}/members", f.addMember)
	mux.HandleFunc("GET /v1.0/teams/{team}/channels/{ch}/members", f.listMembers)
	mux.HandleFunc("DELETE /v1.0/teams/{team}/channels/{ch}/members/{mid}", f.deleteMember)
	mux.HandleFunc("POST /v1.0/teams/{team}/channels/{ch}/archive", f.ok)
	mux.HandleFunc("POST /v1.0/chats", f.createChat)
	mux.HandleFunc("POST /v1.0/chats/{ch}/installedApps", f.ok)
	mux.HandleFunc("POST /v1.0/chats/{ch}/members", f.addMember)
	mux.HandleFunc("GET /v1.0/appCatalogs/teamsApps", f.catalog)
	mux.HandleFunc("POST /v1.0/users/{id}/teamwork/installedApps", f.install)
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeGraph) addUser(id, mail, upn string) {
	f.mu.Lock()
	f.users[id] = graphUser{ID: id, Mail: mail, UserPrincipalName: upn}
	f.mu.Unlock()
}

func (f *fakeGraph) installedFor(aad string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.installs[aad]
}

// gate checks the token, throttles if asked and records the request.
func (f *fakeGraph) gate(w http.ResponseWriter, r *http.Request) bool {
	if !authorized(w, r, graphToken) || f.throttled(w, r) {
		return false
	}
	f.record(r, sent{Conv: r.PathValue("ch")})
	return true
}

func (f *fakeGraph) ok(w http.ResponseWriter, r *http.Request) {
	if f.gate(w, r) {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (f *fakeGraph) getUser(w http.ResponseWriter, r *http.Request) {
	if !f.gate(w, r) {
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
func (f *fakeGraph) findUser(w http.ResponseWriter, r *http.Request) {
	if !f.gate(w, r) {
		return
	}
	mail, ok := strings.CutPrefix(r.URL.Query().Get("$filter"), "mail eq '")
	mail = strings.TrimSuffix(mail, "'")
	var found []any
	f.mu.Lock()
	for _, u := range f.users {
		if ok && strings.EqualFold(u.Mail, mail) {
			found = append(found, u)
		}
	}
	f.mu.Unlock()
	_ = json.NewEncoder(w).Encode(map[string]any{"value": found})
}

func (f *fakeGraph) createChannel(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, graphToken) || f.throttled(w, r) {
		return
	}
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, sent{Method: r.Method, Path: r.URL.Path, Body: body})
	name, _ := body["displayName"].(string)
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
	f.chanMembers[id] = []string{"mem-" + bindID(body["members"])}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "displayName": name, "membershipType": "private"})
}

// bindID takes the user id out of the first member's user@odata.bind.
func bindID(members any) string {
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

func (f *fakeGraph) addMember(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, graphToken) || f.throttled(w, r) {
		return
	}
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := r.PathValue("ch")
	f.reqs = append(f.reqs, sent{Method: r.Method, Path: r.URL.Path, Conv: ch, Body: body})
	f.chanMembers[ch] = append(f.chanMembers[ch], "mem-"+bindID([]any{body}))
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": "mem-x"})
}

func (f *fakeGraph) listMembers(w http.ResponseWriter, r *http.Request) {
	if !f.gate(w, r) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var list []any
	for _, m := range f.chanMembers[r.PathValue("ch")] {
		list = append(list, map[string]string{"id": m, "userId": strings.TrimPrefix(m, "mem-")})
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"value": list})
}

func (f *fakeGraph) deleteMember(w http.ResponseWriter, r *http.Request) {
	if !f.gate(w, r) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ch, mid := r.PathValue("ch"), r.PathValue("mid")
	var keep []string
	for _, m := range f.chanMembers[ch] {
		if m != mid {
			keep = append(keep, m)
		}
	}
	f.chanMembers[ch] = keep
	w.WriteHeader(http.StatusNoContent)
}

func (f *fakeGraph) createChat(w http.ResponseWriter, r *http.Request) {
	if !authorized(w, r, graphToken) || f.throttled(w, r) {
		return
	}
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, sent{Method: r.Method, Path: r.URL.Path, Body: body})
	f.seq++
	id := fmt.Sprintf("19:chat%d@thread.v2", f.seq)
	f.chanMembers[id] = []string{"mem-" + bindID(body["members"])}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "chatType": "group"})
}

func (f *fakeGraph) catalog(w http.ResponseWriter, r *http.Request) {
	if !f.gate(w, r) {
		return
	}
	if f.noCatalog || !strings.Contains(r.URL.Query().Get("$filter"), testAppID) {
		_ = json.NewEncoder(w).Encode(map[string]any{"value": []any{}})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"value": []any{map[string]string{"id": "catalog-jw", "externalId": testAppID}}})
}

func (f *fakeGraph) install(w http.ResponseWriter, r *http.Request) {
	if !f.gate(w, r) {
		return
	}
	f.mu.Lock()
	f.installs[r.PathValue("id")] = true
	f.mu.Unlock()
	w.WriteHeader(http.StatusCreated)
}

func (f *fakeGraph) members(ch string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.chanMembers[ch]...)
}
