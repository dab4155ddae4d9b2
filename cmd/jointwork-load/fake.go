package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// loadUsers are the Slack accounts the load comes from, with the e-mail
// addresses of the example directory (deploy/directory.example.yaml).
var loadUsers = map[string]string{
	"U1": "alex@council.example", "U2": "bea@council.example", "U3": "chris@nhs.example",
	"U4": "eve@school.example", "U5": "morgan@council.example",
}

// fakeSlack answers the Web API calls the bot makes while it is loaded and
// counts the replies it delivers.
type fakeSlack struct {
	srv     *http.Server
	ln      net.Listener
	replies atomic.Int64 // chat.postMessage, chat.postEphemeral, response_url
	other   atomic.Int64
	// inflight maps a request's id to when it was sent (sentAt); its
	// reply's arrival adds the time between to replyLat when measured.
	inflight sync.Map
	mu       sync.Mutex
	replyLat []time.Duration
}

type sentAt struct {
	t       time.Time
	measure bool
}

// sent records that request id left at t.
func (f *fakeSlack) sent(id string, t time.Time, measure bool) {
	f.inflight.Store(id, sentAt{t, measure})
}

// replied records the arrival of the reply to request id.
func (f *fakeSlack) replied(id string) {
	v, ok := f.inflight.LoadAndDelete(id)
	if !ok || !v.(sentAt).measure {
		return
	}
	d := time.Since(v.(sentAt).t)
	f.mu.Lock()
	f.replyLat = append(f.replyLat, d)
	f.mu.Unlock()
}

// replyLatencies returns the reply latencies recorded, sorted.
func (f *fakeSlack) replyLatencies() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := slices.Clone(f.replyLat)
	slices.Sort(out)
	return out
}

func startFake(addr string) (*fakeSlack, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("fake Slack: %w", err)
	}
	f := &fakeSlack{ln: ln}
	f.srv = &http.Server{Handler: http.HandlerFunc(f.serve), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = f.srv.Serve(ln) }()
	return f, nil
}

func (f *fakeSlack) url() string { return "http://" + f.ln.Addr().String() }

func (f *fakeSlack) close() { _ = f.srv.Close() }

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	method := strings.TrimPrefix(r.URL.Path, "/")
	switch method {
	case "chat.postMessage", "chat.postEphemeral":
		f.replies.Add(1)
		if vals, err := url.ParseQuery(string(raw)); err == nil {
			if ch := vals.Get("channel"); strings.HasPrefix(ch, "CL") {
				f.replied(ch[2:])
			}
		}
		fmt.Fprintf(w, `{"ok":true,"channel":"C1","ts":"%d.000100","message_ts":"%d.000100"}`, time.Now().Unix(), time.Now().Unix())
	case "users.info":
		f.other.Add(1)
		vals, _ := url.ParseQuery(string(raw))
		id := vals.Get("user")
		fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"profile":{"email":%q}}}`, id, loadUsers[id])
	case "conversations.open":
		f.other.Add(1)
		vals, _ := url.ParseQuery(string(raw))
		fmt.Fprintf(w, `{"ok":true,"channel":{"id":"D%s"}}`, vals.Get("users"))
	case "auth.test":
		f.other.Add(1)
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team_id":"T1"}`)
	default:
		if id, ok := strings.CutPrefix(method, "response/"); ok {
			f.replies.Add(1)
			f.replied(id)
		} else {
			f.other.Add(1)
		}
		fmt.Fprint(w, `{"ok":true}`)
	}
}
