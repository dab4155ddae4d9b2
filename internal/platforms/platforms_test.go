package platforms_test

import (
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/config"
	_ "github.com/jointwork/jointwork/internal/platforms"
)

// Every registered platform is off by default and names its bad settings.
func TestSettingsDefaultsAndBadValues(t *testing.T) {
	tests := []struct{ platform, env, value, want string }{
		{"slack", "SLACK_BOT_TOKEN", "xoxp-user-token", "xoxb-"},
		{"teams", "MICROSOFT_APP_ID", "0000", "MICROSOFT_APP_PASSWORD"},
	}
	for _, tt := range tests {
		t.Run(tt.platform, func(t *testing.T) {
			c, err := config.Load()
			if err != nil {
				t.Fatal(err)
			}
			sec := c.Section(tt.platform)
			if sec == nil || sec.Enabled() {
				t.Fatalf("%s settings by default: %+v", tt.platform, sec)
			}
			t.Setenv(tt.env, tt.value)
			if _, err := config.Load(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want mention of %q", err, tt.want)
			}
		})
	}
}
