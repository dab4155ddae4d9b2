package slack

import (
	"net/http"
	"testing"
	"time"
)

// Exported for the external tests (package slack_test), which build the
// whole bot with internal/app and so cannot live in this package.

// FakeSlack is the fake Slack API of fake_test.go.
type FakeSlack = fakeSlack

// FakeCall is one call the fake received.
type FakeCall = fakeCall

// TestSecret signs the external tests' requests.
const TestSecret = testSecret

// NewFakeSlack starts the fake Slack API.
func NewFakeSlack(t testing.TB) *FakeSlack { return newFakeSlack(t) }

// Sign returns Slack's signature headers for body at ts.
func Sign(body []byte, ts time.Time, secret string) http.Header { return sign(body, ts, secret) }

// APIURL is the fake's base URL (SLACK_API_URL).
func (f *fakeSlack) APIURL() string { return f.URL() }

// ResponseURL is a response_url the fake serves.
func (f *fakeSlack) ResponseURL(id string) string { return f.responseURL(id) }

// AddUser adds a Slack account with an e-mail address.
func (f *fakeSlack) AddUser(id, email string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.users[id] = email
}

// Calls returns every successful call so far, in order.
func (f *fakeSlack) Calls() []FakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FakeCall(nil), f.calls...)
}

// ChannelID returns the id of the channel called name.
func (f *fakeSlack) ChannelID(name string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, c := range f.channels {
		if c.name == name {
			return id, true
		}
	}
	return "", false
}

// Members returns the members of a channel and whether it is archived.
func (f *fakeSlack) Members(id string) (map[string]bool, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.channels[id]
	if c == nil {
		return nil, false
	}
	out := map[string]bool{}
	for k, v := range c.members {
		out[k] = v
	}
	return out, c.archived
}

// ChannelName returns the name of a channel id ("" when unknown).
func (f *fakeSlack) ChannelName(id string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c := f.channels[id]; c != nil {
		return c.name
	}
	return ""
}

// Uploads returns the raw bodies of the files uploaded so far.
func (f *fakeSlack) Uploads() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.uploads...)
}

// Join puts a user in a channel as a member's /invite would (no bot call).
func (f *fakeSlack) Join(channel, user string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c := f.channels[channel]; c != nil {
		c.members[user] = true
	}
}
