package teams

import (
	"net/http"
	"testing"
	"time"
)

func TestTokenURL(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Settings
		tenant   string
		fallback string
		want     string
	}{
		{"multi-tenant connector", Settings{}, "", "botframework.com", "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"},
		{"single-tenant connector", Settings{}, "contoso-tenant", "botframework.com", "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token"},
		{"graph in the tenant", Settings{}, "contoso-tenant", "contoso-tenant", "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token"},
		{"override", Settings{BotTokenURL: "http://127.0.0.1:9/token"}, "contoso-tenant", "x", "http://127.0.0.1:9/token"},
	}
	for _, tc := range tests {
		if got := tokenURL(tc.cfg, tc.tenant, tc.fallback); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"3600", maxRetryAfter, true},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"soon", 0, false},
		{"-4", 0, false},
	}
	for _, tc := range tests {
		got, ok := retryAfter(tc.header, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Retry-After %q: %v %v, want %v %v", tc.header, got, ok, tc.want, tc.ok)
		}
	}
	if backoff(1) != time.Second || backoff(3) != 4*time.Second || backoff(30) != maxRetryAfter {
		t.Errorf("backoff %v %v %v", backoff(1), backoff(3), backoff(30))
	}
}

func TestTokensAreFetchedOncePerScope(t *testing.T) {
	e := newEnv(t)
	e.post(e.personal("alex", "case open c103"))
	e.post(e.personal("bea", "echo hi"))
	e.post(e.personal("alex", "ping @dana overdue"))
	got := map[string]int{}
	for _, s := range e.iss.TokenScopes() {
		got[s]++
	}
	if got[connectorScope] != 1 || got[graphScope] != 1 || len(got) != 2 {
		t.Errorf("token requests by scope %v, want one each for the connector and Graph", got)
	}
}
