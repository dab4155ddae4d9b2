// Package config reads jointwork's configuration from the environment with
// envconfig. Every variable is JOINTWORK_-prefixed; the platforms' own names
// (SLACK_BOT_TOKEN, MICROSOFT_APP_ID, …) are accepted as they are too.
package config

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/kelseyhightower/envconfig"
)

// Prefix is the prefix of every variable.
const Prefix = "JOINTWORK"

// Config is the whole configuration. Tags: envconfig names the variable
// (JOINTWORK_ + name, or the bare name as a fallback), desc explains it, and
// secret masks it in `jointwork config`.
type Config struct {
	RedisURL       string        `envconfig:"REDIS_URL" desc:"Redis URL (redis:// or rediss://); empty = embedded in-process store, state lost on exit"`
	RedisMode      string        `envconfig:"REDIS_MODE" desc:"single, sentinel or cluster; empty = from the URL (master_name=… sentinel, addr=… cluster, else single)"`
	HTTPAddr       string        `envconfig:"HTTP_ADDR" default:":8080" desc:"address the HTTP server listens on (Slack, Teams, health)"`
	DrainDelay     time.Duration `envconfig:"DRAIN_DELAY" default:"5s" desc:"on shutdown, how long /readyz says 503 while requests are still served, before the server stops"`
	Directory      string        `envconfig:"DIRECTORY" desc:"people directory YAML; empty = deploy/directory.example.yaml (synthetic)"`
	Rules          string        `envconfig:"RULES" desc:"local rulebook file or folder that adds or overrides rules"`
	Holidays       string        `envconfig:"HOLIDAYS" desc:"extra bank holidays file, one YYYY-MM-DD a line"`
	Timezone       string        `envconfig:"TIMEZONE" default:"Europe/London" desc:"time zone for due dates and working days"`
	LogLevel       string        `envconfig:"LOG_LEVEL" default:"info" desc:"debug, info, warn or error"`
	LogFormat      string        `envconfig:"LOG_FORMAT" default:"text" desc:"text or json"`
	DialogTTL      time.Duration `envconfig:"DIALOG_TTL" default:"30m" desc:"how long an unfinished dialog (consent questions) is kept"`
	DedupeTTL      time.Duration `envconfig:"DEDUPE_TTL" default:"24h" desc:"how long event ids are remembered to drop retries"`
	OutboxDeadline time.Duration `envconfig:"OUTBOX_DEADLINE" default:"6h" desc:"how long a reply the platform would not take (rate limits, outages) is retried before the asker is told"`
	Escalation
	Slack
	Teams
}

// Escalation holds the delays of the escalation rules. Delays take "4h",
// "30m", "2wd" (working days) or "3d" (calendar days).
type Escalation struct {
	EscalateAfter     string        `envconfig:"ESCALATE_AFTER" default:"4h" desc:"an unacknowledged ping goes to the next manager after this"`
	RequestManager    string        `envconfig:"ESCALATE_REQUEST_MANAGER" default:"4h" desc:"after a request's due date passes unanswered, ping the recipient's manager after this"`
	TaskManager       string        `envconfig:"ESCALATE_TASK_MANAGER" default:"1wd" desc:"after a task is overdue, ping the owner's manager after this"`
	AllocationPending string        `envconfig:"ESCALATE_ALLOCATION_PENDING" default:"5wd" desc:"ping the requester's manager when an awaited allocation is still pending after this"`
	Snooze            string        `envconfig:"SNOOZE" default:"1wd" desc:"how long Snooze puts a ping off"`
	SchedulerInterval time.Duration `envconfig:"SCHEDULER_INTERVAL" default:"1s" desc:"how often each replica looks for due timed work"`
}

// Slack holds the Slack app's settings.
type Slack struct {
	SlackBotToken      string `envconfig:"SLACK_BOT_TOKEN" secret:"true" desc:"Slack bot token (xoxb-…)"`
	SlackSigningSecret string `envconfig:"SLACK_SIGNING_SECRET" secret:"true" desc:"Slack signing secret, verifies every HTTP request"`
	SlackAppToken      string `envconfig:"SLACK_APP_TOKEN" secret:"true" desc:"Slack app-level token (xapp-…): set it to use Socket Mode instead of HTTP"`
	SlackAPIURL        string `envconfig:"SLACK_API_URL" desc:"Slack Web API base URL; leave empty in production (tests point it at a fake)"`
	SlackWorkers       int    `envconfig:"SLACK_WORKERS" default:"8" desc:"Slack requests worked on at once after the ack (more: more throughput; fewer: lower ack latency under saturation)"`
	SlackQueue         int    `envconfig:"SLACK_QUEUE" default:"16384" desc:"Slack requests acked and waiting for a worker; when full, new ones get a busy reply"`
}

// Teams holds the Microsoft Teams (Bot Framework and Graph) settings.
type Teams struct {
	MicrosoftAppID       string `envconfig:"MICROSOFT_APP_ID" desc:"Azure bot registration app (client) id"`
	MicrosoftAppPassword string `envconfig:"MICROSOFT_APP_PASSWORD" secret:"true" desc:"Azure bot registration client secret"`
	MicrosoftAppTenantID string `envconfig:"MICROSOFT_APP_TENANT_ID" desc:"tenant id for a single-tenant bot; empty = multi-tenant"`
	TeamsTeamID          string `envconfig:"TEAMS_TEAM_ID" desc:"the Team whose private channels hold cases (Graph)"`
	GraphURL             string `envconfig:"GRAPH_URL" default:"https://graph.microsoft.com/v1.0" desc:"Microsoft Graph base URL (tests point it at a fake)"`
	BotOpenIDURL         string `envconfig:"BOT_OPENID_URL" default:"https://login.botframework.com/v1/.well-known/openidconfiguration" desc:"Bot Framework OpenID metadata URL"`
	BotTokenURL          string `envconfig:"BOT_TOKEN_URL" desc:"token endpoint for the bot's own tokens; empty = derived from the tenant"`
}

// Load reads the environment and validates the result.
func Load() (*Config, error) {
	var c Config
	if err := envconfig.Process(Prefix, &c); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Validate checks every value and reports each bad one on its own line.
func (c *Config) Validate() error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s_%s: %s", Prefix, name, fmt.Sprintf(format, args...)))
	}
	if c.RedisURL != "" {
		if u, err := url.Parse(c.RedisURL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			bad("REDIS_URL", "want redis://host:port/db or rediss://…, got %q", redact(c.RedisURL))
		}
	}
	if !oneOf(strings.ToLower(c.RedisMode), "", "single", "sentinel", "cluster") {
		bad("REDIS_MODE", "want single, sentinel or cluster, got %q", c.RedisMode)
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		bad("HTTP_ADDR", "want host:port such as :8080, got %q", c.HTTPAddr)
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		bad("TIMEZONE", "unknown time zone %q (use an IANA name such as Europe/London)", c.Timezone)
	}
	if !oneOf(c.LogLevel, "debug", "info", "warn", "error") {
		bad("LOG_LEVEL", "want debug, info, warn or error, got %q", c.LogLevel)
	}
	if !oneOf(c.LogFormat, "text", "json") {
		bad("LOG_FORMAT", "want text or json, got %q", c.LogFormat)
	}
	for name, path := range map[string]string{"DIRECTORY": c.Directory, "RULES": c.Rules, "HOLIDAYS": c.Holidays} {
		if path == "" {
			continue
		}
		if _, err := os.Stat(path); err != nil {
			bad(name, "cannot read %q: %v", path, errors.Unwrap(err))
		}
	}
	if c.OutboxDeadline < time.Minute {
		bad("OUTBOX_DEADLINE", "must be at least 1m, got %s", c.OutboxDeadline)
	}
	if c.DrainDelay < 0 || c.DrainDelay > 5*time.Minute {
		bad("DRAIN_DELAY", "want 0s to 5m, got %s", c.DrainDelay)
	}
	if c.DialogTTL < time.Minute || c.DedupeTTL < time.Minute {
		bad("DIALOG_TTL/DEDUPE_TTL", "must be at least 1m")
	}
	errs = append(errs, c.validateSlack()...)
	errs = append(errs, c.validateTeams()...)
	return errors.Join(errs...)
}

func (c *Config) validateSlack() []error {
	var errs []error
	if c.SlackBotToken != "" && !strings.HasPrefix(c.SlackBotToken, "xoxb-") {
		errs = append(errs, errors.New("SLACK_BOT_TOKEN: a bot token starts with xoxb-"))
	}
	if c.SlackAppToken != "" && !strings.HasPrefix(c.SlackAppToken, "xapp-") {
		errs = append(errs, errors.New("SLACK_APP_TOKEN: an app-level token starts with xapp-"))
	}
	if c.SlackBotToken != "" && c.SlackAppToken == "" && c.SlackSigningSecret == "" {
		errs = append(errs, errors.New("SLACK_SIGNING_SECRET: required for the HTTP Events API (or set SLACK_APP_TOKEN for Socket Mode)"))
	}
	if c.SlackBotToken == "" && (c.SlackAppToken != "" || c.SlackSigningSecret != "") {
		errs = append(errs, errors.New("SLACK_BOT_TOKEN: required when other Slack settings are given"))
	}
	if c.SlackWorkers < 1 || c.SlackQueue < 1 {
		errs = append(errs, errors.New("JOINTWORK_SLACK_WORKERS and JOINTWORK_SLACK_QUEUE: must be at least 1"))
	}
	if c.SlackAPIURL != "" {
		if u, err := url.Parse(c.SlackAPIURL); err != nil || u.Host == "" {
			errs = append(errs, fmt.Errorf("SLACK_API_URL: not a URL: %q", c.SlackAPIURL))
		}
	}
	return errs
}

func (c *Config) validateTeams() []error {
	var errs []error
	if (c.MicrosoftAppID == "") != (c.MicrosoftAppPassword == "") {
		errs = append(errs, errors.New("MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD: set both or neither"))
	}
	if c.TeamsTeamID != "" && c.MicrosoftAppID == "" {
		errs = append(errs, errors.New("JOINTWORK_TEAMS_TEAM_ID: needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Graph"))
	}
	for name, v := range map[string]string{"GRAPH_URL": c.GraphURL, "BOT_OPENID_URL": c.BotOpenIDURL, "BOT_TOKEN_URL": c.BotTokenURL} {
		if v == "" {
			continue
		}
		if u, err := url.Parse(v); err != nil || u.Host == "" {
			errs = append(errs, fmt.Errorf("JOINTWORK_%s: not a URL: %q", name, v))
		}
	}
	return errs
}

// SlackEnabled reports whether Slack is configured.
func (c *Config) SlackEnabled() bool { return c.SlackBotToken != "" }

// TeamsEnabled reports whether Teams is configured.
func (c *Config) TeamsEnabled() bool { return c.MicrosoftAppID != "" }

// Location returns the configured time zone (validated by Load).
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Print writes every variable with its effective value, secrets masked.
func (c *Config) Print(w io.Writer) {
	printStruct(w, reflect.ValueOf(*c))
}

func printStruct(w io.Writer, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous {
			printStruct(w, fv)
			continue
		}
		val := fmt.Sprint(fv.Interface())
		switch {
		case f.Tag.Get("secret") == "true" && val != "":
			val = "******** (set)"
		case f.Name == "RedisURL":
			val = redact(val)
		}
		if val == "" {
			val = "(unset)"
		}
		fmt.Fprintf(w, "%s_%s=%s\n    %s\n", Prefix, f.Tag.Get("envconfig"), val, f.Tag.Get("desc"))
	}
}

// redact hides a password inside a URL.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
