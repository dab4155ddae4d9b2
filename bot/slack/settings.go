package slack

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jointwork/jointwork/bot/config"
)

// Settings are the Slack app's settings, read by config.Load (JOINTWORK_
// prefixed or by their bare Slack names).
type Settings struct {
	SlackBotToken      string `envconfig:"SLACK_BOT_TOKEN" secret:"true" desc:"Slack bot token (xoxb-…)"`
	SlackSigningSecret string `envconfig:"SLACK_SIGNING_SECRET" secret:"true" desc:"Slack signing secret, verifies every HTTP request"`
	SlackAppToken      string `envconfig:"SLACK_APP_TOKEN" secret:"true" desc:"Slack app-level token (xapp-…): set it to use Socket Mode instead of HTTP"`
	SlackAPIURL        string `envconfig:"SLACK_API_URL" desc:"Slack Web API base URL; leave empty in production (tests point it at a fake)"`
	SlackWorkers       int    `envconfig:"SLACK_WORKERS" default:"8" desc:"Slack requests worked on at once after the ack (more: more throughput; fewer: lower ack latency under saturation)"`
	SlackQueue         int    `envconfig:"SLACK_QUEUE" default:"16384" desc:"Slack requests acked and waiting for a worker; when full, new ones get a busy reply"`
}

var _ config.Section = (*Settings)(nil)

// Name implements config.Section.
func (s *Settings) Name() string { return Platform }

// Enabled reports whether Slack is configured (a bot token is set).
func (s *Settings) Enabled() bool { return s.SlackBotToken != "" }

// Validate implements config.Section.
func (s *Settings) Validate() []error {
	var errs []error
	if s.SlackBotToken != "" && !strings.HasPrefix(s.SlackBotToken, "xoxb-") {
		errs = append(errs, errors.New("SLACK_BOT_TOKEN: a bot token starts with xoxb-"))
	}
	if s.SlackAppToken != "" && !strings.HasPrefix(s.SlackAppToken, "xapp-") {
		errs = append(errs, errors.New("SLACK_APP_TOKEN: an app-level token starts with xapp-"))
	}
	if s.SlackBotToken != "" && s.SlackAppToken == "" && s.SlackSigningSecret == "" {
		errs = append(errs, errors.New("SLACK_SIGNING_SECRET: required for the HTTP Events API (or set SLACK_APP_TOKEN for Socket Mode)"))
	}
	if s.SlackBotToken == "" && (s.SlackAppToken != "" || s.SlackSigningSecret != "") {
		errs = append(errs, errors.New("SLACK_BOT_TOKEN: required when other Slack settings are given"))
	}
	if s.SlackWorkers < 1 || s.SlackQueue < 1 {
		errs = append(errs, errors.New("JOINTWORK_SLACK_WORKERS and JOINTWORK_SLACK_QUEUE: must be at least 1"))
	}
	if s.SlackAPIURL != "" {
		if u, err := url.Parse(s.SlackAPIURL); err != nil || u.Host == "" {
			errs = append(errs, fmt.Errorf("SLACK_API_URL: not a URL: %q", s.SlackAPIURL))
		}
	}
	return errs
}
