package teamstest

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
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

// Issuer is the Bot Framework login service: GET /openid (metadata),
// GET /keys (JWKS, keys endorsed for msteams) and POST /token.
type Issuer struct {
	*httptest.Server
	mu           sync.Mutex
	keys         map[string]*rsa.PrivateKey
	endorsements []string
	scopes       []string
	fetches      atomic.Int64
}

// NewIssuer starts an issuer with one key, "k1"; it stops when tb ends.
func NewIssuer(tb testing.TB) *Issuer {
	f := &Issuer{keys: map[string]*rsa.PrivateKey{}, endorsements: []string{"msteams"}}
	f.AddKey(tb, "k1")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openid", func(w http.ResponseWriter, r *http.Request) {
		f.fetches.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": BotIssuer, "jwks_uri": f.URL + "/keys"})
	})
	mux.HandleFunc("GET /keys", f.serveKeys)
	mux.HandleFunc("POST /token", f.serveToken)
	f.Server = httptest.NewServer(mux)
	tb.Cleanup(f.Close)
	return f
}

// OpenIDURL is the metadata URL (JOINTWORK_BOT_OPENID_URL).
func (f *Issuer) OpenIDURL() string { return f.URL + "/openid" }

// TokenURL is the token endpoint (JOINTWORK_BOT_TOKEN_URL).
func (f *Issuer) TokenURL() string { return f.URL + "/token" }

// MetadataFetches counts GET /openid.
func (f *Issuer) MetadataFetches() int64 { return f.fetches.Load() }

// TokenScopes lists the scopes of the tokens handed out, in order.
func (f *Issuer) TokenScopes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.scopes...)
}

// AddKey publishes a new signing key (a key rotation).
func (f *Issuer) AddKey(tb testing.TB, kid string) *rsa.PrivateKey {
	tb.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	f.mu.Lock()
	f.keys[kid] = k
	f.mu.Unlock()
	return k
}

func (f *Issuer) serveKeys(w http.ResponseWriter, _ *http.Request) {
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

func (f *Issuer) serveToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Form.Get("grant_type") != "client_credentials" ||
		r.Form.Get("client_id") != AppID || r.Form.Get("client_secret") != AppPassword {
		http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
		return
	}
	scope := r.Form.Get("scope")
	f.mu.Lock()
	f.scopes = append(f.scopes, scope)
	f.mu.Unlock()
	tok := ConnectorToken
	if strings.Contains(scope, "graph.microsoft.com") {
		tok = GraphToken
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600})
}

// Claims are the claims of a good channel token for serviceURL at now.
func Claims(serviceURL string, now time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"iss": BotIssuer, "aud": AppID, "serviceurl": serviceURL,
		"nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(), "iat": now.Add(-time.Minute).Unix(),
	}
}

// Sign signs claims with the issuer's key kid (RS256).
func (f *Issuer) Sign(tb testing.TB, kid string, claims jwt.MapClaims) string {
	tb.Helper()
	f.mu.Lock()
	k := f.keys[kid]
	f.mu.Unlock()
	if k == nil {
		tb.Fatalf("teamstest: no key %s", kid)
	}
	return SignWith(tb, k, kid, claims)
}

// Bearer is an Authorization header with a good token for the activity.
func (f *Issuer) Bearer(tb testing.TB, a Activity) string {
	svc, _ := a["serviceUrl"].(string)
	return "Bearer " + f.Sign(tb, "k1", Claims(svc, time.Now()))
}

// SignWith signs claims with any key, named kid.
func SignWith(tb testing.TB, k *rsa.PrivateKey, kid string, claims jwt.MapClaims) string {
	tb.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(k)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
