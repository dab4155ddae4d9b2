package e2e_test

import (
	"encoding/json"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/apptest"
)

func quietLog() *slog.Logger { return apptest.Quiet() }

// TestManifest checks deploy/teams/manifest.json: the bot's scopes, a
// command list per scope within Teams' limits naming real commands, the
// placeholders the README documents and the RSC permissions for channels.
func TestManifest(t *testing.T) {
	raw, err := os.ReadFile("../../../deploy/teams/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ManifestVersion string `json:"manifestVersion"`
		ID              string `json:"id"`
		Bots            []struct {
			BotID        string   `json:"botId"`
			Scopes       []string `json:"scopes"`
			CommandLists []struct {
				Scopes   []string `json:"scopes"`
				Commands []struct{ Title, Description string }
			} `json:"commandLists"`
		} `json:"bots"`
		ValidDomains  []string `json:"validDomains"`
		Authorization struct {
			Permissions struct {
				ResourceSpecific []struct{ Name, Type string } `json:"resourceSpecific"`
			} `json:"permissions"`
		} `json:"authorization"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	jw := apptest.New(t, apptest.Options{Embedded: true, Log: quietLog()})
	if m.ManifestVersion < "1.16" || m.ID != "{{MICROSOFT_APP_ID}}" || len(m.Bots) != 1 || m.Bots[0].BotID != "{{MICROSOFT_APP_ID}}" {
		t.Errorf("manifest header: version %s id %s", m.ManifestVersion, m.ID)
	}
	if !slices.Equal(m.ValidDomains, []string{"{{BOT_DOMAIN}}"}) {
		t.Errorf("validDomains %v", m.ValidDomains)
	}
	covered := map[string]bool{}
	for _, cl := range m.Bots[0].CommandLists {
		if len(cl.Commands) == 0 || len(cl.Commands) > 10 {
			t.Errorf("command list %v has %d commands (1–10)", cl.Scopes, len(cl.Commands))
		}
		for _, s := range cl.Scopes {
			covered[s] = true
		}
		for _, c := range cl.Commands {
			if _, ok := jw.Bot.Registry().Lookup(c.Title); !ok {
				t.Errorf("manifest command %q is not a jointwork command", c.Title)
			}
			if len(c.Title) > 32 || len(c.Description) > 128 || c.Description == "" {
				t.Errorf("command %q: title ≤ 32 and description 1–128 characters", c.Title)
			}
		}
	}
	for _, s := range []string{"personal", "team", "groupChat"} {
		if !covered[s] || !slices.Contains(m.Bots[0].Scopes, s) {
			t.Errorf("scope %s: no bot scope or command list", s)
		}
	}
	var rsc []string
	for _, p := range m.Authorization.Permissions.ResourceSpecific {
		rsc = append(rsc, p.Name+"/"+p.Type)
	}
	for _, want := range []string{"Channel.Create.Group/Application", "ChannelMember.ReadWrite.Group/Application", "ChannelSettings.ReadWrite.Group/Application"} {
		if !slices.Contains(rsc, want) {
			t.Errorf("RSC permission %s missing from %s", want, strings.Join(rsc, ", "))
		}
	}
}
