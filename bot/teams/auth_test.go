package teams

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jointwork/jointwork/bot/teams/teamstest"
)

func TestAuthentication(t *testing.T) {
	e := newEnv(t)
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	a := e.conn.NewActivity(teamstest.Personal, "a:dm-aad-alex", "alex", "")
	a["type"] = "conversationUpdate"
	svc := a["serviceUrl"].(string)
	with := func(change func(jwt.MapClaims)) string {
		c := teamstest.Claims(svc, e.now)
		change(c)
		return "Bearer " + e.iss.Sign(t, "k1", c)
	}
	tests := []struct {
		name string
		auth string
		want int
	}{
		{"good", with(func(jwt.MapClaims) {}), http.StatusOK},
		{"lower-case scheme", "bearer " + e.iss.Sign(t, "k1", teamstest.Claims(svc, e.now)), http.StatusOK},
		{"expired", with(func(c jwt.MapClaims) { c["exp"] = e.now.Add(-6 * time.Minute).Unix() }), http.StatusUnauthorized},
		{"expired within skew", with(func(c jwt.MapClaims) { c["exp"] = e.now.Add(-2 * time.Minute).Unix() }), http.StatusOK},
		{"not yet valid within skew", with(func(c jwt.MapClaims) { c["nbf"] = e.now.Add(2 * time.Minute).Unix() }), http.StatusOK},
		{"not yet valid", with(func(c jwt.MapClaims) { c["nbf"] = e.now.Add(10 * time.Minute).Unix() }), http.StatusUnauthorized},
		{"no expiry", with(func(c jwt.MapClaims) { delete(c, "exp") }), http.StatusUnauthorized},
		{"wrong audience", with(func(c jwt.MapClaims) { c["aud"] = "some-other-bot" }), http.StatusUnauthorized},
		{"wrong issuer", with(func(c jwt.MapClaims) { c["iss"] = "https://sts.example/evil" }), http.StatusUnauthorized},
		{"service url mismatch", with(func(c jwt.MapClaims) { c["serviceurl"] = "https://evil.example/" }), http.StatusUnauthorized},
		{"no service url", with(func(c jwt.MapClaims) { delete(c, "serviceurl") }), http.StatusUnauthorized},
		{"wrong signature", "Bearer " + teamstest.SignWith(t, other, "k1", teamstest.Claims(svc, e.now)), http.StatusUnauthorized},
		{"unsigned", "Bearer " + unsigned(t, teamstest.Claims(svc, e.now)), http.StatusUnauthorized},
		{"garbage", "Bearer not.a.jwt", http.StatusUnauthorized},
		{"basic auth", "Basic YWxleDpwdw==", http.StatusUnauthorized},
		{"no header", "", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.postWith(a, tc.auth, true)
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	if n := e.a.auth.keys.fetches.Load(); n != 1 {
		t.Errorf("key set fetched %d times, want 1 (cached)", n)
	}
}

func unsigned(t *testing.T, c jwt.MapClaims) string {
	s, err := jwt.NewWithClaims(jwt.SigningMethodNone, c).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestUnknownKidRefreshesKeys(t *testing.T) {
	e := newEnv(t)
	a := e.conn.NewActivity(teamstest.Personal, "a:dm-aad-alex", "alex", "")
	a["type"] = "typing"
	svc := a["serviceUrl"].(string)
	if r := e.postWith(a, "Bearer "+e.iss.Sign(t, "k1", teamstest.Claims(svc, e.now)), true); r.StatusCode != http.StatusOK {
		t.Fatalf("first: %d", r.StatusCode)
	}
	e.iss.AddKey(t, "k2") // the issuer rotates keys
	steps := []struct {
		name    string
		kid     string
		advance time.Duration
		want    int
		fetches int64
	}{
		{"new kid triggers a refresh", "k2", 0, http.StatusOK, 2},
		{"unknown kid right after a refresh is refused without fetching", "k9", 0, http.StatusUnauthorized, 2},
		{"known keys still work meanwhile", "k1", 0, http.StatusOK, 2},
		{"after the refresh interval an unknown kid fetches again", "k9", keysMinRefresh + time.Second, http.StatusUnauthorized, 3},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			e.now = e.now.Add(s.advance)
			var tok string
			if s.kid == "k9" {
				k, _ := rsa.GenerateKey(rand.Reader, 2048)
				tok = teamstest.SignWith(t, k, "k9", teamstest.Claims(svc, e.now))
			} else {
				tok = e.iss.Sign(t, s.kid, teamstest.Claims(svc, e.now))
			}
			if r := e.postWith(a, "Bearer "+tok, true); r.StatusCode != s.want {
				t.Errorf("status %d, want %d", r.StatusCode, s.want)
			}
			if n := e.iss.MetadataFetches(); n != s.fetches {
				t.Errorf("metadata fetched %d times, want %d", n, s.fetches)
			}
		})
	}
}

func TestKeyFetchOnceUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	a := e.conn.NewActivity(teamstest.Personal, "a:dm-aad-alex", "alex", "")
	a["type"] = "typing"
	auth := "Bearer " + e.token(a)
	var wg sync.WaitGroup
	codes := make(chan int, 24)
	for range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- e.postWith(a, auth, false).StatusCode
		}()
	}
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusOK {
			t.Errorf("status %d", c)
		}
	}
	if n := e.iss.MetadataFetches(); n != 1 {
		t.Errorf("metadata fetched %d times by 24 concurrent requests, want 1", n)
	}
}

func TestEndorsementMustCoverChannel(t *testing.T) {
	e := newEnv(t)
	a := e.conn.NewActivity(teamstest.Personal, "a:dm-aad-alex", "alex", "")
	a["type"] = "typing"
	a["channelId"] = "webchat" // the key only endorses msteams
	if r := e.post(a); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("status %d, want 401", r.StatusCode)
	}
}
