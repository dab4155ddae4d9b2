package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestDefaultsAreValid(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != ":8080" || c.Timezone != "Europe/London" {
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
		{"JOINTWORK_DIALOG_TTL", "soon", "DIALOG_TTL"},
		{"JOINTWORK_FEEDBACK_TEXT_TTL", "-1h", "FEEDBACK_TEXT_TTL"},
		{"JOINTWORK_FEEDBACK_TEXT_TTL", "9000h", "FEEDBACK_TEXT_TTL"},
	}
	for _, tt := range tests {
		t.Run(tt.env+"="+tt.value, func(t *testing.T) {
			t.Setenv(tt.env, tt.value)
			_, err := Load()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want mention of %q", err, tt.want)
			}
		})
	}
}

// fakeSection is a platform's settings as config sees them.
type fakeSection struct {
	Token string `envconfig:"FAKE_TOKEN" secret:"true" desc:"a secret"`
	URL   string `envconfig:"FAKE_URL" desc:"a URL"`
}

func (f *fakeSection) Name() string  { return "fake" }
func (f *fakeSection) Enabled() bool { return f.Token != "" }
func (f *fakeSection) Validate() []error {
	if f.URL == "bad" {
		return []error{errors.New("FAKE_URL: bad")}
	}
	return nil
}

func TestSectionsLoadValidateAndPrint(t *testing.T) {
	Register(func() Section { return &fakeSection{} })
	t.Setenv("FAKE_TOKEN", "hush")
	t.Setenv("JOINTWORK_REDIS_URL", "redis://user:hunter2@redis:6379/0")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	sec, ok := c.Section("fake").(*fakeSection)
	if !ok || sec.Token != "hush" || !sec.Enabled() {
		t.Fatalf("section %+v", c.Section("fake"))
	}
	var b bytes.Buffer
	c.Print(&b)
	out := b.String()
	for _, secret := range []string{"hush", "hunter2"} {
		if strings.Contains(out, secret) {
			t.Fatalf("secret %q printed:\n%s", secret, out)
		}
	}
	for _, want := range []string{"JOINTWORK_FAKE_TOKEN=******** (set)", "JOINTWORK_HTTP_ADDR=:8080", "JOINTWORK_REDIS_URL=redis://xxxxx@redis:6379/0"} {
		if !strings.Contains(out, want) {
			t.Fatalf("missing %q in:\n%s", want, out)
		}
	}
	t.Setenv("FAKE_URL", "bad")
	if _, err := Load(); err == nil || !strings.Contains(err.Error(), "FAKE_URL") {
		t.Fatalf("bad section value: %v", err)
	}
}
