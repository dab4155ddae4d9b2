package teamstest

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
)

// Request is one request a fake received. Conv and Reply are the
// conversation and activity ids in the path (connector) or the channel or
// chat id (Graph).
type Request struct {
	Method, Path string
	Conv, Reply  string
	Body         map[string]any
}

// Recorder keeps requests and can answer the next matching ones with 429.
type Recorder struct {
	mu       sync.Mutex
	reqs     []Request
	throttle map[string]int // "METHOD /path" prefix → 429s still to give
}

func (rc *Recorder) add(s Request) {
	rc.mu.Lock()
	rc.reqs = append(rc.reqs, s)
	rc.mu.Unlock()
}

// record decodes r's JSON body into s and keeps it.
func (rc *Recorder) record(r *http.Request, s Request) Request {
	if r.Body != nil {
		_ = json.NewDecoder(r.Body).Decode(&s.Body)
	}
	s.Method, s.Path = r.Method, r.URL.Path
	rc.add(s)
	return s
}

// ThrottleNext makes the next n requests whose "METHOD /path" starts with
// prefix fail with 429 and Retry-After: 2.
func (rc *Recorder) ThrottleNext(prefix string, n int) {
	rc.mu.Lock()
	if rc.throttle == nil {
		rc.throttle = map[string]int{}
	}
	rc.throttle[prefix] = n
	rc.mu.Unlock()
}

func (rc *Recorder) throttled(w http.ResponseWriter, r *http.Request) bool {
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

// All returns every recorded request, in order.
func (rc *Recorder) All() []Request {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]Request(nil), rc.reqs...)
}

// Matching returns the requests whose "METHOD /path" starts with prefix.
func (rc *Recorder) Matching(prefix string) []Request {
	var out []Request
	for _, s := range rc.All() {
		if strings.HasPrefix(s.Method+" "+s.Path, prefix) {
			out = append(out, s)
		}
	}
	return out
}

// Exact returns the requests with exactly this method and path.
func (rc *Recorder) Exact(method, path string) []Request {
	var out []Request
	for _, s := range rc.All() {
		if s.Method == method && s.Path == path {
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
