package teams

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Key cache timing.
const (
	keysMaxAge      = 24 * time.Hour   // keys are refetched when older than this
	keysMinRefresh  = 60 * time.Second // an unknown kid triggers a refetch at most this often
	keysFetchLimit  = 10 * time.Second // one metadata + JWKS fetch
	keysRetryFailed = 10 * time.Second // wait after a failed fetch
)

type signingKey struct {
	pub          *rsa.PublicKey
	endorsements []string
}

// keySet caches the signing keys named by the OpenID metadata's jwks_uri.
// Lookups of known keys never wait for a fetch; fetches are serialized so a
// burst of requests with a new kid causes one fetch, and an unknown kid
// causes at most one fetch per keysMinRefresh.
type keySet struct {
	metadataURL string
	hc          *http.Client
	now         func() time.Time
	minRefresh  time.Duration

	mu      sync.RWMutex // guards byKid, issuer, fetched
	byKid   map[string]signingKey
	issuer  string
	fetched time.Time

	refreshMu sync.Mutex   // serializes fetches; guards unknown and failed
	unknown   time.Time    // last refetch for a kid missing from a fresh set
	failed    time.Time    // last failed fetch
	fetches   atomic.Int64 // metadata fetches made, for tests and logs
}

func newKeySet(metadataURL string, hc *http.Client, now func() time.Time) *keySet {
	return &keySet{metadataURL: metadataURL, hc: hc, now: now, minRefresh: keysMinRefresh}
}

// key returns the key with that id, fetching the key set when it is missing
// or stale. A kid missing from a fresh set (a key rotation, or a forged
// token) refetches at most once per minRefresh; after a failed fetch the
// next try waits keysRetryFailed.
func (s *keySet) key(ctx context.Context, kid string) (signingKey, error) {
	if k, ok, fresh := s.lookup(kid); ok && fresh {
		return k, nil
	}
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	k, ok, fresh := s.lookup(kid)
	switch {
	case ok && fresh:
		return k, nil // another request refreshed while we waited
	case !s.failed.IsZero() && s.now().Sub(s.failed) < keysRetryFailed:
		if ok {
			return k, nil
		}
		return signingKey{}, fmt.Errorf("signing keys unavailable (last fetch failed %s ago)", s.now().Sub(s.failed).Round(time.Second))
	case fresh && !s.unknown.IsZero() && s.now().Sub(s.unknown) < s.minRefresh:
		return signingKey{}, fmt.Errorf("unknown key id %q (keys refetched %s ago)", kid, s.now().Sub(s.unknown).Round(time.Second))
	case fresh:
		s.unknown = s.now()
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), keysFetchLimit)
	defer cancel()
	if err := s.refresh(fctx); err != nil {
		s.failed = s.now()
		if ok {
			return k, nil // keep using a stale key while the metadata is unreachable
		}
		return signingKey{}, err
	}
	s.failed = time.Time{}
	if k, ok, _ = s.lookup(kid); !ok {
		return signingKey{}, fmt.Errorf("unknown key id %q", kid)
	}
	return k, nil
}

func (s *keySet) lookup(kid string) (signingKey, bool, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.byKid[kid]
	fresh := !s.fetched.IsZero() && s.now().Sub(s.fetched) < keysMaxAge
	return k, ok, fresh
}

// issuers are the accepted token issuers: the Bot Framework's and the one
// the metadata names (the same in production).
func (s *keySet) issuers() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.issuer == "" || s.issuer == botFrameworkIssuer {
		return []string{botFrameworkIssuer}
	}
	return []string{botFrameworkIssuer, s.issuer}
}

type openIDMetadata struct {
	Issuer  string `json:"issuer"`
	JWKSURI string `json:"jwks_uri"`
}

type jwksDoc struct {
	Keys []struct {
		Kty          string   `json:"kty"`
		Kid          string   `json:"kid"`
		N            string   `json:"n"`
		E            string   `json:"e"`
		Endorsements []string `json:"endorsements"`
	} `json:"keys"`
}

func (s *keySet) refresh(ctx context.Context) error {
	s.fetches.Add(1)
	var md openIDMetadata
	if err := s.getJSON(ctx, s.metadataURL, &md); err != nil {
		return fmt.Errorf("openid metadata: %w", err)
	}
	if md.JWKSURI == "" {
		return fmt.Errorf("openid metadata at %s has no jwks_uri", s.metadataURL)
	}
	var doc jwksDoc
	if err := s.getJSON(ctx, md.JWKSURI, &doc); err != nil {
		return fmt.Errorf("jwks: %w", err)
	}
	keys := map[string]signingKey{}
	for _, k := range doc.Keys {
		if k.Kty != "RSA" || k.Kid == "" {
			continue
		}
		pub, err := rsaKey(k.N, k.E)
		if err != nil {
			return fmt.Errorf("jwks key %s: %w", k.Kid, err)
		}
		keys[k.Kid] = signingKey{pub: pub, endorsements: k.Endorsements}
	}
	if len(keys) == 0 {
		return fmt.Errorf("jwks at %s has no RSA keys", md.JWKSURI)
	}
	s.mu.Lock()
	s.byKid, s.issuer, s.fetched = keys, md.Issuer, s.now()
	s.mu.Unlock()
	return nil
}

func (s *keySet) getJSON(ctx context.Context, url string, dst any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(dst); err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	return nil
}

func rsaKey(n, e string) (*rsa.PublicKey, error) {
	nb, err := base64.RawURLEncoding.DecodeString(n)
	if err != nil {
		return nil, fmt.Errorf("modulus: %w", err)
	}
	eb, err := base64.RawURLEncoding.DecodeString(e)
	if err != nil {
		return nil, fmt.Errorf("exponent: %w", err)
	}
	exp := new(big.Int).SetBytes(eb)
	if !exp.IsInt64() || exp.Int64() < 3 || exp.Int64() > 1<<31-1 {
		return nil, fmt.Errorf("exponent out of range")
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: int(exp.Int64())}, nil
}
