package config

import (
	"bytes"
	"strings"
	"testing"
)

func TestDefaultsAreValid(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != ":8080" || c.Timezone != "Europe/London" || c.SlackEnabled() || c.TeamsEnabled() {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestBadValuesNamed(t *testing.T) {
	tests := []struct{ env, value, want string }{
		{"JOINTWORK_REDIS_URL", "http://x", "JOINTWORK_REDIS_URL"},
		{"JOINTWORK_REDIS_MODE", "replica", "JOINTWORK_REDIS_MODE"},
		{"JOINTWORK_HTTP_ADDR", "8080", "JOINTWORK_HTTP_ADDR"},
		{"JOINTWORK_TIMEZONE", "Mars/Olympus", "JOINTWORK_TIMEZONE"},
		{"JOINTWORK_LOG_LEVEL", "loud", "JOINTWORK_LOG_LEVEL"},
		{"JOINTWORK_DIRECTORY", "/nonexistent/people.yaml", "JOINTWORK_DIRECTORY"},
		{"SLACK_BOT_TOKEN", "xoxp-user-token", "xoxb-"},
		{"MICROSOFT_APP_ID", "0000", "MICROSOFT_APP_PASSWORD"},
		{"JOINTWORK_DIALOG_TTL", "soon", "DIALOG_TTL"},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			t.Setenv(tt.env, tt.value)
			_, err := Load()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want mention of %q", err, tt.want)
			}
		})
	}
}

func TestPlatformNamesAndPrefixBothWork(t *testing.T) {
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-bare")
	t.Setenv("JOINTWORK_SLACK_SIGNING_SECRET", "prefixed-secret")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.SlackBotToken != "xoxb-bare" || c.SlackSigningSecret != "prefixed-secret" {
		t.Fatalf("got %q %q", c.SlackBotToken, c.SlackSigningSecret)
	}
}

func TestPrintMasksSecrets(t *testing.T) {
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
	t.Setenv("SLACK_SIGNING_SECRET", "shh-signing")
	t.Setenv("JOINTWORK_REDIS_URL", "redis://user:hunter2@redis:6379/0")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	c.Print(&b)
	out := b.String()
	for _, secret := range []string{"very-secret", "shh-signing", "hunter2"} {
		if strings.Contains(out, secret) {
			t.Fatalf("secret %q printed:\n%s", secret, out)
		}
	}
	for _, want := range []string{"JOINTWORK_SLACK_BOT_TOKEN=******** (set)", "JOINTWORK_HTTP_ADDR=:8080", "JOINTWORK_REDIS_URL=redis://user:xxxxx@redis:6379/0"} {
		if !strings.Contains(out, want) {
			t.Fatalf("missing %q in:\n%s", want, out)
		}
	}
}
