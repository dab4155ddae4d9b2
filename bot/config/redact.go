package config

import (
	"strconv"
	"strings"
)

// redacted replaces the credentials of a URL.
const redacted = "xxxxx"

// userinfo finds the credentials in a URL as text: everything between
// "://" and the last "@". It works on text that url.Parse refuses (a
// password with "#", "/", "@" or a bad "%" escape), so nothing depends on
// the URL being well formed.
func userinfo(raw string) (string, bool) {
	i := strings.Index(raw, "://")
	if i < 0 {
		return "", false
	}
	rest := raw[i+3:]
	at := strings.LastIndex(rest, "@")
	if at <= 0 {
		return "", false
	}
	return rest[:at], true
}

// Redact hides the whole user-info part (user name and password) of a URL
// such as JOINTWORK_REDIS_URL, whether or not the URL parses.
func Redact(raw string) string {
	ui, ok := userinfo(raw)
	if !ok {
		return raw
	}
	return strings.Replace(raw, "://"+ui+"@", "://"+redacted+"@", 1)
}

// RedactIn hides the credentials of the URL raw wherever they appear in
// text (an error message that quotes the URL), as written or quoted.
func RedactIn(text, raw string) string {
	ui, ok := userinfo(raw)
	if !ok {
		return text
	}
	text = strings.ReplaceAll(text, ui, redacted)
	if q := strconv.Quote(ui); len(q) > 2 {
		text = strings.ReplaceAll(text, q[1:len(q)-1], redacted)
	}
	if _, pw, ok := strings.Cut(ui, ":"); ok && len(pw) >= 4 {
		text = strings.ReplaceAll(text, pw, redacted)
	}
	return text
}
