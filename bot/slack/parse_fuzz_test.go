package slack

import (
	"net/url"
	"testing"
)

// FuzzParseSlash: no panic on any body, and a well-formed form round-trips
// the fields the bot reads.
func FuzzParseSlash(f *testing.F) {
	f.Add("user_id=U1&channel_id=C1&text=case+open+c101", "case open c101 & more=%")
	f.Add("%zz=1&text=%", "")
	f.Add("", "ask what is joint work?")
	f.Fuzz(func(t *testing.T, body, text string) {
		_, _ = parseSlash([]byte(body))
		form := url.Values{"user_id": {"U123"}, "channel_id": {"C456"}, "text": {text}}
		c, err := parseSlash([]byte(form.Encode()))
		if err != nil {
			t.Fatalf("well-formed form refused: %v", err)
		}
		if c.Text != text || c.UserID != "U123" || c.ChannelID != "C456" {
			t.Fatalf("round trip: got %+v, want text %q", c, text)
		}
	})
}
