package slack

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/adapter"
	"github.com/jointwork/jointwork/bot/config"
)

// The script tests start Slack through internal/app's server.
func init() { adapter.Register(Spec()) }

func TestPlatformNamesAndPrefixBothWork(t *testing.T) {
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-bare")
	t.Setenv("JOINTWORK_SLACK_SIGNING_SECRET", "prefixed-secret")
	c, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Section(Platform).(*Settings); s.SlackBotToken != "xoxb-bare" || s.SlackSigningSecret != "prefixed-secret" {
		t.Fatalf("got %q %q", s.SlackBotToken, s.SlackSigningSecret)
	}
}

func TestPrintMasksSecrets(t *testing.T) {
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
	t.Setenv("SLACK_SIGNING_SECRET", "shh-signing")
	t.Setenv("JOINTWORK_REDIS_URL", "redis://user:hunter2@redis:6379/0")
	c, err := config.Load()
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
	for _, want := range []string{"JOINTWORK_SLACK_BOT_TOKEN=******** (set)", "JOINTWORK_HTTP_ADDR=:8080", "JOINTWORK_REDIS_URL=redis://xxxxx@redis:6379/0"} {
		if !strings.Contains(out, want) {
			t.Fatalf("missing %q in:\n%s", want, out)
		}
	}
}
