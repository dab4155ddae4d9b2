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
	"sync"
	"time"

	"github.com/kelseyhightower/envconfig"
)

// Prefix is the prefix of every variable.
const Prefix = "JOINTWORK"

// Config is the whole configuration. Tags: envconfig names the variable
// (JOINTWORK_ + name, or the bare name as a fallback), desc explains it, and
// secret masks it in `jointwork config`.
type Config struct {
	RedisURL    string        `envconfig:"REDIS_URL" desc:"Redis URL (redis:// or rediss://); empty = embedded in-process store, state lost on exit"`
	HTTPAddr    string        `envconfig:"HTTP_ADDR" default:":8080" desc:"address the HTTP server listens on (Slack, Teams, health)"`
	Directory   string        `envconfig:"DIRECTORY" desc:"people directory YAML; empty = deploy/directory.example.yaml (synthetic)"`
	Rules       string        `envconfig:"RULES" desc:"local rulebook file or folder that adds or overrides rules"`
	Holidays    string        `envconfig:"HOLIDAYS" desc:"extra bank holidays file, one YYYY-MM-DD a line"`
	Timezone    string        `envconfig:"TIMEZONE" default:"Europe/London" desc:"time zone for due dates and working days"`
	LogLevel    string        `envconfig:"LOG_LEVEL" default:"info" desc:"debug, info, warn or error"`
	LogFormat   string        `envconfig:"LOG_FORMAT" default:"text" desc:"text or json"`
	DialogTTL   time.Duration `envconfig:"DIALOG_TTL" default:"30m" desc:"how long an unfinished dialog (consent questions) is kept"`
	DedupeTTL   time.Duration `envconfig:"DEDUPE_TTL" default:"24h" desc:"how long event ids are remembered to drop retries"`
	MetricsAddr string        `envconfig:"METRICS_ADDR" desc:"own listener for /metrics (and /debug/pprof), e.g. :9090; empty = /metrics on JOINTWORK_HTTP_ADDR"`
	PProf       bool          `envconfig:"PPROF" default:"false" desc:"serve /debug/pprof on the metrics listener (needs JOINTWORK_METRICS_ADDR)"`
	// FeedbackTextTTL is how long a question that passed the privacy check is
	// kept with its 👍/👎 for review; 0 keeps no question text at all.
	FeedbackTextTTL time.Duration `envconfig:"FEEDBACK_TEXT_TTL" default:"336h" desc:"how long a voted question (only one that passed the privacy check) is kept for review; 0 = never kept"`
	RedisMode       string        `envconfig:"REDIS_MODE" desc:"single, sentinel or cluster; empty = from the URL (master_name=… sentinel, addr=… cluster, else single)"`
	DrainDelay      time.Duration `envconfig:"DRAIN_DELAY" default:"5s" desc:"on shutdown, how long /readyz says 503 while requests are still served, before the server stops"`
	OutboxDeadline  time.Duration `envconfig:"OUTBOX_DEADLINE" default:"6h" desc:"how long a reply the platform would not take (rate limits, outages) is retried before the asker is told"`
	InboxWorkers    int           `envconfig:"INBOX_WORKERS" default:"16" desc:"inbox entries (stored requests) worked on at once on this replica; 0 = this replica only stores and acks"`
	Escalation
	Retention
	// Sections are the settings other packages own (each platform's),
	// read by Load with the same rules; see Register.
	Sections []Section `ignored:"true"`
}

// Section is a settings struct another package owns (a chat platform's).
// Load fills a fresh one from the environment with the same tags and rules
// as Config's own fields, collects its Validate errors, and Print prints it.
type Section interface {
	// Name is the owner's name ("slack", "teams").
	Name() string
	// Enabled reports whether the settings turn the owner on.
	Enabled() bool
	// Validate reports every bad value, one error each.
	Validate() []error
}

var (
	sectionsMu sync.Mutex
	sections   []func() Section
)

// Register adds a kind of Section: newSection returns a pointer to a zero
// settings struct. Platforms register themselves (see bot/adapter). A
// second registration under the same Name replaces the first.
func Register(newSection func() Section) {
	sectionsMu.Lock()
	defer sectionsMu.Unlock()
	name := newSection().Name()
	for i, f := range sections {
		if f().Name() == name {
			sections[i] = newSection
			return
		}
	}
	sections = append(sections, newSection)
}

// Section returns the settings called name, or nil.
func (c *Config) Section(name string) Section {
	for _, s := range c.Sections {
		if s.Name() == name {
			return s
		}
	}
	return nil
}

func loadSections() ([]Section, error) {
	sectionsMu.Lock()
	defer sectionsMu.Unlock()
	out := make([]Section, 0, len(sections))
	for _, f := range sections {
		s := f()
		if err := envconfig.Process(Prefix, s); err != nil {
			return nil, fmt.Errorf("configuration: %w", err)
		}
		out = append(out, s)
	}
	return out, nil
}

// Escalation holds the delays of the escalation rules. Delays take "4h",
// "30m", "2wd" (working days) or "3d" (calendar days).
type Escalation struct {
	EscalateAfter     string        `envconfig:"ESCALATE_AFTER" default:"4h" desc:"an unacknowledged ping goes to the next manager after this"`
	RequestManager    string        `envconfig:"ESCALATE_REQUEST_MANAGER" default:"4h" desc:"after a request's due date passes unanswered, ping the recipient's manager after this"`
	TaskManager       string        `envconfig:"ESCALATE_TASK_MANAGER" default:"1wd" desc:"after a task is overdue, ping the owner's manager after this"`
	AllocationPending string        `envconfig:"ESCALATE_ALLOCATION_PENDING" default:"5wd" desc:"ping the requester's manager when an awaited allocation is still pending after this"`
	Snooze            string        `envconfig:"SNOOZE" default:"1wd" desc:"how long Snooze puts a ping off"`
	WorkingHours      string        `envconfig:"WORKING_HOURS" default:"09:00-17:30 mon-fri" desc:"when pings and reminders are delivered (never on bank holidays); always = any time"`
	SchedulerInterval time.Duration `envconfig:"SCHEDULER_INTERVAL" default:"1s" desc:"how often each replica looks for due timed work"`
}

// Load reads the environment and validates the result.
func Load() (*Config, error) {
	var c Config
	if err := envconfig.Process(Prefix, &c); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	var err error
	if c.Sections, err = loadSections(); err != nil {
		return nil, err
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
	c.validateAddrs(bad)
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
	c.Retention.validate(bad)
	c.validateLimits(bad)
	for _, sec := range c.Sections {
		errs = append(errs, sec.Validate()...)
	}
	return errors.Join(errs...)
}

// validateAddrs checks where the bot listens and the Redis it talks to.
func (c *Config) validateAddrs(bad func(name, format string, args ...any)) {
	if c.RedisURL != "" {
		if u, err := url.Parse(c.RedisURL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			bad("REDIS_URL", "want redis://host:port/db or rediss://… (percent-encode #, /, @ and %% in the password), got %q", Redact(c.RedisURL))
		}
	}
	if !oneOf(strings.ToLower(c.RedisMode), "", "single", "sentinel", "cluster") {
		bad("REDIS_MODE", "want single, sentinel or cluster, got %q", c.RedisMode)
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		bad("HTTP_ADDR", "want host:port such as :8080, got %q", c.HTTPAddr)
	}
	if _, _, err := net.SplitHostPort(c.MetricsAddr); c.MetricsAddr != "" && err != nil {
		bad("METRICS_ADDR", "want host:port such as :9090, got %q", c.MetricsAddr)
	}
	if c.PProf && c.MetricsAddr == "" {
		bad("PPROF", "needs JOINTWORK_METRICS_ADDR: pprof is never served on the public listener")
	}
}

// validateLimits checks the durations and counts that bound the bot's work.
func (c *Config) validateLimits(bad func(name, format string, args ...any)) {
	if c.OutboxDeadline < time.Minute {
		bad("OUTBOX_DEADLINE", "must be at least 1m, got %s", c.OutboxDeadline)
	}
	if c.InboxWorkers < 0 {
		bad("INBOX_WORKERS", "want 0 or more, got %d", c.InboxWorkers)
	}
	if c.DrainDelay < 0 || c.DrainDelay > 5*time.Minute {
		bad("DRAIN_DELAY", "want 0s to 5m, got %s", c.DrainDelay)
	}
	if c.DialogTTL < time.Minute || c.DedupeTTL < time.Minute {
		bad("DIALOG_TTL/DEDUPE_TTL", "must be at least 1m")
	}
	if c.FeedbackTextTTL < 0 || c.FeedbackTextTTL > 90*24*time.Hour {
		bad("FEEDBACK_TEXT_TTL", "want 0 (keep no question text) up to 2160h (90 days), got %s", c.FeedbackTextTTL)
	}
}

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
	for _, sec := range c.Sections {
		printStruct(w, reflect.ValueOf(sec).Elem())
	}
}

func printStruct(w io.Writer, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous {
			printStruct(w, fv)
			continue
		}
		if f.Tag.Get("ignored") == "true" {
			continue
		}
		val := fmt.Sprint(fv.Interface())
		switch {
		case f.Tag.Get("secret") == "true" && val != "":
			val = "******** (set)"
		case f.Name == "RedisURL":
			val = Redact(val)
		}
		if val == "" {
			val = "(unset)"
		}
		fmt.Fprintf(w, "%s_%s=%s\n    %s\n", Prefix, f.Tag.Get("envconfig"), val, f.Tag.Get("desc"))
	}
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
