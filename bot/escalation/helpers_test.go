package escalation_test

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/escalation"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/app"
	"github.com/jointwork/jointwork/internal/apptest"
	"github.com/jointwork/jointwork/internal/redistest"
)

// monday is Mon 23 Nov 2026 09:00 in London, the start of every test.
var monday = apptest.Monday

func london() *time.Location { return apptest.London }

// world is one app on a real Redis with a console workspace as platform.
type world struct {
	t   *testing.T
	ctx context.Context
	a   *app.App
	out *apptest.Buffer
	srv *redistest.Server
}

func testConfig() *config.Config {
	return &config.Config{Timezone: "Europe/London", DialogTTL: 30 * time.Minute, DedupeTTL: time.Hour,
		Escalation: config.Escalation{EscalateAfter: "4h", RequestManager: "4h", TaskManager: "1wd",
			AllocationPending: "5wd", Snooze: "1wd", SchedulerInterval: 10 * time.Millisecond}}
}

// newWorld starts a redis-server and the app on it.
func newWorld(t *testing.T) *world {
	t.Helper()
	srv := redistest.Start(t)
	return newWorldOn(t, srv, monday)
}

func newWorldOn(t *testing.T, srv *redistest.Server, start time.Time) *world {
	t.Helper()
	b := apptest.New(t, apptest.Options{Redis: srv, Start: start, Config: testConfig()})
	return &world{t: t, ctx: context.Background(), a: b.App, out: b.Out, srv: srv}
}

// openCase stores case ref led by alex with chris (NHS) as a member, on a
// permitted consent decision (without one the disclosure policy admits
// nobody but the lead, so no ping about chris could go out).
func (w *world) openCase(ref string) {
	w.t.Helper()
	c := &state.Case{Ref: ref, Lead: "alex", Platform: "console", Channel: "C-" + ref, ChannelName: "jw-" + ref,
		Consent: &state.Consent{Decision: "permitted", Basis: "consent"},
		Members: map[string]state.Member{"alex": {Handle: "alex", Agency: "county-council"}, "chris": {Handle: "chris", Agency: "nhs-community-trust"}}}
	if err := w.a.Store.CreateCase(w.ctx, c, state.Entry{Actor: "alex", Action: "case.open"}); err != nil {
		w.t.Fatalf("create case: %v", err)
	}
}

// update runs fn in a case Update with the app's policy.
func (w *world) update(ref string, fn func(tx *state.Tx, p *escalation.Policy)) {
	w.t.Helper()
	err := w.a.Store.Update(w.ctx, ref, func(tx *state.Tx) error { fn(tx, w.a.Handlers.Policy); return nil })
	if err != nil {
		w.t.Fatalf("update %s: %v", ref, err)
	}
}

// sendRequest records request id from → to due on the date "+2d" gives.
func (w *world) sendRequest(ref, id, from, to, due string) *state.Request {
	w.t.Helper()
	d, err := w.a.Calendar.ParseDue(due, w.a.Clock.Now())
	if err != nil {
		w.t.Fatal(err)
	}
	r := &state.Request{ID: id, From: from, To: to, Text: "Joint visit", Due: d, Thread: "12"}
	w.update(ref, func(tx *state.Tx, p *escalation.Policy) {
		tx.PutRequest(r)
		p.RequestSent(tx, r)
	})
	return r
}

// advance moves the clock and runs what is due.
func (w *world) advance(d time.Duration) {
	w.t.Helper()
	w.a.Clock.Advance(d)
	w.a.RunDue(w.ctx)
}

var pingLine = regexp.MustCompile(`(?m)^\[DM @([a-z]+)\]\s+Ping: (E\d+)$`)

// pings returns "handle:E1" for every ping printed, in order.
func (w *world) pings() []string {
	var out []string
	for _, m := range pingLine.FindAllStringSubmatch(w.out.String(), -1) {
		out = append(out, m[1]+":"+m[2])
	}
	return out
}

// pingsTo counts the pings each person got.
func (w *world) pingsTo() map[string]int {
	out := map[string]int{}
	for _, p := range w.pings() {
		out[strings.Split(p, ":")[0]]++
	}
	return out
}

// wantPings checks the people pinged, in order of first ping.
func (w *world) wantPings(want ...string) {
	w.t.Helper()
	var got []string
	for _, p := range w.pings() {
		got = append(got, strings.Split(p, ":")[0])
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		w.t.Fatalf("pings = %v, want %v\noutput:\n%s", w.pings(), want, w.out.String())
	}
}

// lastPing returns the id of the last ping sent to handle.
func (w *world) lastPing(handle string) string {
	w.t.Helper()
	id := ""
	for _, p := range w.pings() {
		if h, e, _ := strings.Cut(p, ":"); h == handle {
			id = e
		}
	}
	if id == "" {
		w.t.Fatalf("no ping to %s\n%s", handle, w.out.String())
	}
	return id
}

// actions returns the timeline actions of ref that start with prefix.
func (w *world) actions(ref, prefix string) []string {
	w.t.Helper()
	tl, err := w.a.Store.Timeline(w.ctx, ref)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, e := range tl {
		if strings.HasPrefix(e.Action, prefix) {
			out = append(out, e.Action)
		}
	}
	return out
}

// scheduled lists the escalation items still in the scheduler.
func (w *world) scheduled() []string {
	w.t.Helper()
	ids, err := w.srv.Client().HKeys(w.ctx, w.a.Store.Key("sched", "items")).Result()
	if err != nil {
		w.t.Fatal(err)
	}
	sort.Strings(ids)
	return ids
}

func (w *world) person(h string) directory.Person {
	p, ok := w.a.Directory.Person(h)
	if !ok {
		w.t.Fatalf("no person %s", h)
	}
	return p
}
