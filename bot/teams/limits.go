package teams

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jointwork/jointwork/bot"
)

// Size limits.
const (
	// MaxInbound is the largest activity accepted (bytes); Teams' own
	// activities are a few kilobytes, a card submission well under this.
	MaxInbound = 256 << 10
	// MaxOutbound is the largest activity sent (bytes of JSON): Teams
	// refuses messages over about 28 KB, so a little is kept in hand.
	MaxOutbound = 27 << 10
)

// cutNote ends a message cut to fit MaxOutbound.
const cutNote = "\n\n… (cut: too long for one Teams message)"

// activityTenant is the tenant an activity comes from.
func activityTenant(act *activity) string {
	if t := act.Conversation.TenantID; t != "" {
		return t
	}
	return act.ChannelData.Tenant.ID
}

// tenants are the allowed tenant ids (JOINTWORK_TEAMS_TENANTS), lower-cased.
func (s Settings) tenants() []string {
	var out []string
	for _, t := range strings.Split(s.TeamsTenants, ",") {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// tenantAllowed reports whether an activity from tenant t is accepted: any
// tenant when no allowlist is set, else only those listed.
func (s Settings) tenantAllowed(t string) bool {
	allowed := s.tenants()
	return len(allowed) == 0 || slices.Contains(allowed, strings.ToLower(t))
}

// render turns a message into an activity of at most MaxOutbound bytes: the
// longest of the text and an attached file is cut (with a note saying so)
// until the card fits, and as a last resort the text alone is sent.
func render(m bot.Message) *outActivity {
	for range 4 {
		act := renderFull(m)
		n := jsonSize(act)
		if n <= MaxOutbound {
			return act
		}
		m = shrink(m, n-MaxOutbound+len(cutNote)+64)
	}
	return &outActivity{Type: "message", Text: cutBytes(m.Text, MaxOutbound/8) + cutNote, TextFormat: "markdown"}
}

func jsonSize(act *outActivity) int {
	b, err := json.Marshal(act)
	if err != nil {
		return 0
	}
	return len(b)
}

// shrink cuts at least excess bytes from the longer of m's text and file.
func shrink(m bot.Message, excess int) bot.Message {
	if m.File != nil && len(m.File.Content) >= len(m.Text) {
		f := *m.File
		f.Content = []byte(cutBytes(string(f.Content), len(f.Content)-excess) + cutNote)
		m.File = &f
		return m
	}
	m.Text = cutBytes(m.Text, len(m.Text)-excess) + cutNote
	return m
}

// cutBytes shortens s to at most n bytes without splitting a character.
func cutBytes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
