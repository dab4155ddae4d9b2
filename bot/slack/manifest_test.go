package slack

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// manifest is the part of a Slack app manifest the adapter depends on.
type manifest struct {
	Features struct {
		AppHome struct {
			Home     bool `yaml:"home_tab_enabled"`
			Messages bool `yaml:"messages_tab_enabled"`
			ReadOnly bool `yaml:"messages_tab_read_only_enabled"`
		} `yaml:"app_home"`
		Slash []struct {
			Command string `yaml:"command"`
			URL     string `yaml:"url"`
			Escape  bool   `yaml:"should_escape"`
		} `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuth struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		Events struct {
			URL    string   `yaml:"request_url"`
			Events []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			Enabled bool   `yaml:"is_enabled"`
			URL     string `yaml:"request_url"`
		} `yaml:"interactivity"`
		Socket bool `yaml:"socket_mode_enabled"`
	} `yaml:"settings"`
}

// The shipped manifests ask for exactly what the adapter uses.
func TestManifests(t *testing.T) {
	wantScopes := []string{"app_mentions:read", "channels:history", "chat:write", "commands", "files:write", "groups:history", "groups:read", "groups:write",
		"im:history", "im:write", "pins:write", "users:read", "users:read.email"}
	for _, tc := range []struct {
		file   string
		socket bool
	}{{"manifest.yaml", false}, {"manifest.socket.yaml", true}} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "deploy", "slack", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var m manifest
			if err := yaml.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			f, s := m.Features, m.Settings
			if !f.AppHome.Home || !f.AppHome.Messages || f.AppHome.ReadOnly {
				t.Errorf("app home %+v: want home tab and a writable messages tab", f.AppHome)
			}
			if len(f.Slash) != 1 || f.Slash[0].Command != "/jointwork" || !f.Slash[0].Escape {
				t.Errorf("slash commands %+v", f.Slash)
			}
			got := slices.Sorted(slices.Values(m.OAuth.Scopes.Bot))
			if !slices.Equal(got, wantScopes) {
				t.Errorf("scopes %v, want %v", got, wantScopes)
			}
			events := slices.Sorted(slices.Values(s.Events.Events))
			if !slices.Equal(events, []string{"app_home_opened", "app_mention", "member_joined_channel", "message.im"}) {
				t.Errorf("events %v", events)
			}
			if !s.Interactivity.Enabled || s.Socket != tc.socket {
				t.Errorf("interactivity %v, socket mode %v", s.Interactivity.Enabled, s.Socket)
			}
			urls := map[string]string{PathCommands: f.Slash[0].URL, PathEvents: s.Events.URL, PathInteractivity: s.Interactivity.URL}
			for path, u := range urls {
				if tc.socket && u != "" {
					t.Errorf("socket mode manifest has a request URL %s", u)
				}
				if !tc.socket && (!strings.HasPrefix(u, "https://") || !strings.HasSuffix(u, path)) {
					t.Errorf("request URL %q, want https://…%s", u, path)
				}
			}
		})
	}
}
