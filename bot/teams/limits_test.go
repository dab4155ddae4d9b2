package teams

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/teams/teamstest"
)

// TestTenantAllowlist: with JOINTWORK_TEAMS_TENANTS set, an activity from
// another tenant is refused (403) and nothing is sent; a listed tenant's
// activity is handled.
func TestTenantAllowlist(t *testing.T) {
	for _, tc := range []struct {
		name, allow string
		want        int
		replies     int
	}{
		{"not listed", "tenant-2, tenant-3", http.StatusForbidden, 0},
		{"listed", "tenant-2," + strings.ToUpper(teamstest.Tenant), http.StatusOK, 1},
		{"no list", "", http.StatusOK, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(s *Settings) { s.TeamsTenants = tc.allow })
			resp := e.post(e.personal("alex", "echo hi"))
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if n := len(e.posts()); n != tc.replies {
				t.Errorf("%d replies, want %d", n, tc.replies)
			}
		})
	}
}

// TestGraphTenantNeverLastSeen: in multi-tenant mode, timed work (no
// activity) gets no Graph tenant unless exactly one tenant is allowed,
// whatever tenant was seen last.
func TestGraphTenantNeverLastSeen(t *testing.T) {
	e := newEnv(t, func(s *Settings) { s.MicrosoftAppTenantID = "" })
	resp := e.post(e.personal("alex", "echo hi"))
	resp.Body.Close()
	if got, err := e.a.graph.tenant(context.Background()); err == nil {
		t.Errorf("graph tenant %q outside an activity, want an error", got)
	}
	e.a.opt.Config.TeamsTenants = "tenant-9"
	if got, _ := e.a.graph.tenant(context.Background()); got != "tenant-9" {
		t.Errorf("graph tenant %q, want the one allowed tenant", got)
	}
}

// TestOutboundCut: a message or file far over Teams' limit is cut so the
// activity's JSON stays within MaxOutbound, and says it was cut.
func TestOutboundCut(t *testing.T) {
	long := strings.Repeat("ü<", 15000) // 45,000 bytes; escaping grows it further
	for _, m := range []bot.Message{
		{Title: "Export", Text: "Record", File: &bot.File{Name: "r.md", Type: "text/markdown", Content: []byte(long)}},
		{Title: "Long", Text: long},
		{Text: long},
		{Title: "Short", Text: "fine"},
	} {
		act := render(m)
		b, _ := json.Marshal(act)
		if len(b) > MaxOutbound {
			t.Errorf("activity of %d bytes, limit %d", len(b), MaxOutbound)
		}
		if cut := strings.Contains(string(b), "cut: too long"); cut != (len(m.Text)+fileLen(m) > MaxOutbound) {
			t.Errorf("cut note present=%v for a %d-byte message", cut, len(m.Text)+fileLen(m))
		}
	}
}

func fileLen(m bot.Message) int {
	if m.File == nil {
		return 0
	}
	return len(m.File.Content)
}
