package teams

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/jointwork/jointwork/bot/config"
)

// Settings are the Microsoft Teams (Bot Framework and Graph) settings, read
// by config.Load (JOINTWORK_ prefixed or by their bare names).
type Settings struct {
	MicrosoftAppID       string `envconfig:"MICROSOFT_APP_ID" desc:"Azure bot registration app (client) id"`
	MicrosoftAppPassword string `envconfig:"MICROSOFT_APP_PASSWORD" secret:"true" desc:"Azure bot registration client secret"`
	MicrosoftAppTenantID string `envconfig:"MICROSOFT_APP_TENANT_ID" desc:"tenant id for a single-tenant bot; empty = multi-tenant"`
	TeamsTeamID          string `envconfig:"TEAMS_TEAM_ID" desc:"the Team whose private channels hold cases (Graph)"`
	GraphURL             string `envconfig:"GRAPH_URL" default:"https://graph.microsoft.com/v1.0" desc:"Microsoft Graph base URL (tests point it at a fake)"`
	BotOpenIDURL         string `envconfig:"BOT_OPENID_URL" default:"https://login.botframework.com/v1/.well-known/openidconfiguration" desc:"Bot Framework OpenID metadata URL"`
	BotTokenURL          string `envconfig:"BOT_TOKEN_URL" desc:"token endpoint for the bot's own tokens; empty = derived from the tenant"`
	TeamsTenants         string `envconfig:"TEAMS_TENANTS" desc:"comma-separated Entra tenant ids whose activities are accepted; empty = any (single-tenant bots: their own)"`
}

var _ config.Section = (*Settings)(nil)

// Name implements config.Section.
func (s *Settings) Name() string { return Platform }

// Enabled reports whether Teams is configured (an app id is set).
func (s *Settings) Enabled() bool { return s.MicrosoftAppID != "" }

// Validate implements config.Section.
func (s *Settings) Validate() []error {
	var errs []error
	if (s.MicrosoftAppID == "") != (s.MicrosoftAppPassword == "") {
		errs = append(errs, errors.New("MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD: set both or neither"))
	}
	if s.TeamsTeamID != "" && s.MicrosoftAppID == "" {
		errs = append(errs, errors.New("JOINTWORK_TEAMS_TEAM_ID: needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Graph"))
	}
	for name, v := range map[string]string{"GRAPH_URL": s.GraphURL, "BOT_OPENID_URL": s.BotOpenIDURL, "BOT_TOKEN_URL": s.BotTokenURL} {
		if v == "" {
			continue
		}
		if u, err := url.Parse(v); err != nil || u.Host == "" {
			errs = append(errs, fmt.Errorf("JOINTWORK_%s: not a URL: %q", name, v))
		}
	}
	return errs
}
