package teams

import (
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/adapter"
	"github.com/jointwork/jointwork/bot/config"
)

func init() { adapter.Register(Spec()) }

func TestSettingsDefaultsAndBadValues(t *testing.T) {
	c, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Section(Platform).Enabled() {
		t.Fatalf("Teams enabled by default: %+v", c.Section(Platform))
	}
	t.Setenv("MICROSOFT_APP_ID", "0000")
	if _, err := config.Load(); err == nil || !strings.Contains(err.Error(), "MICROSOFT_APP_PASSWORD") {
		t.Fatalf("err = %v, want mention of %q", err, "MICROSOFT_APP_PASSWORD")
	}
}
