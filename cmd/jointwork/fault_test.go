package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/internal/redistest"
	"github.com/jointwork/jointwork/internal/slackhistory"
)

const faultSecret = "fault-test-signing-secret"

// fakeSlack answers the Web API and counts the replies per channel.
type fakeSlack struct {
	*httptest.Server
	mu      sync.Mutex
	replies map[string]int
	// storm is how many replies per channel are refused with 429 and
	// Retry-After: 1 before one is taken; limited counts them.
	storm   int
	refused map[string]int
	limited int
	// posted are the chat.postMessage messages taken (faulthistory_test.go).
	posted slackhistory.Log
	seq    int
	reads  int // conversations.history calls
}

func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{replies: map[string]int{}, refused: map[string]int{}, posted: slackhistory.Log{User: "UBOT"}}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		vals, _ := url.ParseQuery(string(raw))
		w.Header().Set("Content-Type", "application/json")
		switch strings.TrimPrefix(r.URL.Path, "/") {
		case "chat.postMessage", "chat.postEphemeral":
			f.mu.Lock()
			ch := vals.Get("channel")
			if f.refused[ch] < f.storm {
				f.refused[ch]++
				f.limited++
				f.mu.Unlock()
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprint(w, `{"ok":false,"error":"ratelimited"}`)
				return
			}
			f.replies[ch]++
			ts := f.keep(vals, strings.HasSuffix(r.URL.Path, "postMessage"))
			f.mu.Unlock()
			fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q,"message_ts":%q}`, ch, ts, ts)
		case "conversations.history":
			f.mu.Lock()
			res := f.history(vals)
			f.mu.Unlock()
			_ = json.NewEncoder(w).Encode(res)
		case "users.info":
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"profile":{"email":"alex@council.example"}}}`, vals.Get("user"))
		case "conversations.open":
			fmt.Fprintf(w, `{"ok":true,"channel":{"id":"D%s"}}`, vals.Get("users"))
		case "auth.test":
			fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team_id":"T1"}`)
		default:
			fmt.Fprint(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// total counts every reply taken.
func (f *fakeSlack) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.replies {
		n += c
	}
	return n
}

func (f *fakeSlack) count(channel string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.replies[channel]
}

// serveChild is `jointwork serve` in its own process (this test binary,
// see TestMain), on a fixed loopback port.
type serveChild struct {
	cmd  *exec.Cmd
	base string
}

func startServe(t *testing.T, redisURL, slackURL string, env ...string) *serveChild {
	t.Helper()
	port := redistest.FreePort(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "JW_SERVE_CHILD=1", "JOINTWORK_REDIS_URL="+redisURL,
		"SLACK_BOT_TOKEN=xoxb-fault", "SLACK_SIGNING_SECRET="+faultSecret, "SLACK_API_URL="+slackURL+"/",
		"SLACK_APP_TOKEN=", "JOINTWORK_LOG_LEVEL=error", "JOINTWORK_DRAIN_DELAY=0s",
		"JOINTWORK_HTTP_ADDR=127.0.0.1:"+strconv.Itoa(port))
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &serveChild{cmd: cmd, base: "http://127.0.0.1:" + strconv.Itoa(port)}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	eventually(t, "serve ready", func() bool {
		res, err := http.Get(c.base + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
	return c
}

// slash posts a signed /jointwork help from channel C<i>; it reports the
// HTTP status (0 when the bot could not be reached).
func (c *serveChild) slash(i int) int {
	code, _ := c.slashBody(i)
	return code
}

// slashBody is slash, also returning the ack's body.
func (c *serveChild) slashBody(i int) (int, string) {
	return c.slashText(i, "help")
}

// slashText posts a signed /jointwork text from channel C<i>.
func (c *serveChild) slashText(i int, text string) (int, string) {
	form := url.Values{"command": {"/jointwork"}, "text": {text}, "user_id": {"U1"}, "channel_id": {"C" + strconv.Itoa(i)},
		"channel_name": {"case"}, "trigger_id": {"trig-" + strconv.Itoa(i)}, "team_id": {"T1"}}
	return c.postBody("/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode()))
}

func (c *serveChild) post(path, ctype string, body []byte) int {
	code, _ := c.postBody(path, ctype, body)
	return code
}

func (c *serveChild) postBody(path, ctype string, body []byte) (int, string) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(faultSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, ""
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 30 s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestFaultKillAfterAck: a replica acks slash commands and dies: killed
// with SIGKILL before running any (an ingest-only replica makes that point
// exact), or exiting in the middle of processing (JOINTWORK_FAULT_EXIT: at
// the 10th event's end, before it is recorded or after its replies were
// kept but before they were sent). Commands the dead replica did not ack
// are sent again, as Slack's client would be. A replica started afterwards
// confirms every acked command: exactly once when the dying replica had
// one worker, so only the event at the fault point was in flight. With 8
// workers, events that another worker had sent but not yet recorded as
// sent when the process died are sent again. Slack takes no idempotency
// key, but a re-sent reply posted in a conversation (here an answer) is first
// looked for in the conversation's history by its metadata key, so it is
// confirmed exactly once; an ephemeral reply (the slash command's) cannot
// be looked for, so it may be duplicated rather than lost: at most one per
// other worker, never a loss.
func TestFaultKillAfterAck(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess fault test")
	}
	for _, tc := range []struct {
		name, env string
		post      bool // questions answered with posts, not help answered ephemerally
		maxDup    int
	}{
		{"sigkill-ingest-only", "JOINTWORK_INBOX_WORKERS=0", false, 0},
		{"exit-before-end", "JOINTWORK_FAULT_EXIT=before-end:10 JOINTWORK_INBOX_WORKERS=1", false, 0},
		{"exit-after-end", "JOINTWORK_FAULT_EXIT=after-end:10 JOINTWORK_INBOX_WORKERS=1", false, 0},
		{"exit-after-end-8-workers", "JOINTWORK_FAULT_EXIT=after-end:10 JOINTWORK_INBOX_WORKERS=8", false, 7},
		{"exit-after-end-8-workers-posts", "JOINTWORK_FAULT_EXIT=after-end:10 JOINTWORK_INBOX_WORKERS=8", true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) { killAfterAck(t, tc.post, tc.maxDup, strings.Fields(tc.env)...) })
	}
}

func killAfterAck(t *testing.T, post bool, maxDup int, env ...string) {
	send := (*serveChild).slash
	if post {
		send = (*serveChild).ask
	}
	srv := redistest.Start(t)
	fake := newFakeSlack(t)
	a := startServe(t, srv.URL(), fake.URL, append(env, "JOINTWORK_INBOX_VISIBILITY=1s")...)
	exited := make(chan struct{})
	go func() { _ = a.cmd.Wait(); close(exited) }()
	const n = 30
	var unacked []int
	for i := 0; i < n; i++ {
		if send(a, i) != http.StatusOK {
			unacked = append(unacked, i)
		}
	}
	stopped(t, a, exited, strings.Contains(strings.Join(env, " "), "FAULT_EXIT"))
	before := fake.total()
	start := time.Now()
	b := startServe(t, srv.URL(), fake.URL, "JOINTWORK_INBOX_VISIBILITY=1s")
	for _, i := range unacked {
		if code := send(b, i); code != http.StatusOK {
			t.Fatalf("command %d: ack %d from the second replica", i, code)
		}
	}
	dup := confirmedAll(t, fake, n)
	recovery := time.Since(start)
	drained(t, srv.Client())
	if dup > maxDup {
		t.Fatalf("%d commands confirmed twice, want at most %d", dup, maxDup)
	}
	if post && !fake.allPosted(n) {
		t.Fatal("some answers were not posted in their channel (ephemeral): the re-send check was not exercised")
	}
	fake.mu.Lock()
	reads := fake.reads
	fake.mu.Unlock()
	t.Logf("sent %d, acked by the dead replica %d, confirmed before it died %d, confirmed %d, duplicated %d, lost 0; re-sends checked %d; recovery %s",
		n, n-len(unacked), before, n, dup, reads, recovery.Round(time.Millisecond))
}

// TestFaultSameEventTwoReplicas sends one signed event to two replicas at
// once, several times over: each event is answered exactly once. Each event
// comes from its own Slack user (all the same person), so its answer is
// told apart by its DM channel.
func TestFaultSameEventTwoReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess fault test")
	}
	srv := redistest.Start(t)
	fake := newFakeSlack(t)
	r1 := startServe(t, srv.URL(), fake.URL)
	r2 := startServe(t, srv.URL(), fake.URL)
	const n = 20
	for i := 0; i < n; i++ {
		body := fmt.Sprintf(`{"type":"event_callback","event_id":"EvTwin%d","team_id":"T1","authorizations":[{"user_id":"UBOT","is_bot":true}],`+
			`"event":{"type":"message","channel_type":"im","user":"U%d","channel":"DU%d","ts":"1.0000%02d","text":"help"}}`, i, i, i, i)
		var wg sync.WaitGroup
		for _, r := range []*serveChild{r1, r2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if code := r.post("/slack/events", "application/json", []byte(body)); code != http.StatusOK {
					t.Errorf("event %d: ack %d", i, code)
				}
			}()
		}
		wg.Wait()
	}
	drained(t, srv.Client())
	total := 0
	for i := 0; i < n; i++ {
		total += fake.count("DU" + strconv.Itoa(i))
		if got := fake.count("DU" + strconv.Itoa(i)); got != 1 {
			t.Fatalf("event %d answered %d times, want 1", i, got)
		}
	}
	t.Logf("events %d, each sent to 2 replicas, answers %d", n, total)
}

// drained waits until the inbox stream is empty (every entry acknowledged).
func drained(t *testing.T, rdb *redis.Client) {
	t.Helper()
	eventually(t, "inbox drained", func() bool {
		n, err := rdb.XLen(context.Background(), "jw:inbox").Result()
		return err == nil && n == 0
	})
}
