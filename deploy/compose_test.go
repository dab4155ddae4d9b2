package deploy

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// loadCompose loads deploy/docker-compose.yaml with compose-go (the loader
// Docker Compose itself uses: schema validation, interpolation, consistency
// checks) and the given environment.
func loadCompose(t *testing.T, env map[string]string) (*types.Project, error) {
	t.Helper()
	data, err := os.ReadFile("docker-compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	details := types.ConfigDetails{
		WorkingDir:  ".",
		ConfigFiles: []types.ConfigFile{{Filename: "docker-compose.yaml", Content: data}},
		Environment: env,
	}
	return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName("jointwork", true)
		o.SkipResolveEnvironment = true
	})
}

func TestCompose(t *testing.T) {
	p, err := loadCompose(t, map[string]string{"REDIS_PASSWORD": "0123abcd"})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	redis, err := p.GetService("redis")
	if err != nil {
		t.Fatal(err)
	}
	if !pinned(redis.Image) {
		t.Errorf("redis image %q is not pinned", redis.Image)
	}
	cmd := strings.Join(redis.Command, " ")
	if !strings.Contains(cmd, "--requirepass 0123abcd") || !strings.Contains(cmd, "redis.conf") {
		t.Errorf("redis command %q lacks the config file or the password", cmd)
	}
	if !mountsVolume(redis, "redis-data", "/data") {
		t.Error("redis data is not on the named volume")
	}
	conf, err := os.ReadFile("redis.conf")
	if err != nil || !strings.Contains(string(conf), "\nappendonly yes") {
		t.Errorf("redis.conf does not turn the append-only file on (%v)", err)
	}
	bot, err := p.GetService("jointwork")
	if err != nil {
		t.Fatal(err)
	}
	if url := bot.Environment["JOINTWORK_REDIS_URL"]; url == nil || *url != "redis://:0123abcd@redis:6379/0" {
		t.Errorf("JOINTWORK_REDIS_URL = %v", url)
	}
	if !slices.ContainsFunc(bot.Volumes, func(v types.ServiceVolumeConfig) bool {
		return strings.HasSuffix(v.Source, "directory.example.yaml") && v.ReadOnly
	}) {
		t.Error("the example directory is not mounted read-only")
	}
	if bot.User != "65532:65532" || !bot.ReadOnly || !slices.Contains(bot.CapDrop, "ALL") {
		t.Errorf("bot runs as %q, read-only %v, cap_drop %v", bot.User, bot.ReadOnly, bot.CapDrop)
	}
	if dep, ok := bot.DependsOn["redis"]; !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Error("the bot does not wait for a healthy Redis")
	}
}

// TestComposeNeedsPassword: without REDIS_PASSWORD the file does not load.
func TestComposeNeedsPassword(t *testing.T) {
	if _, err := loadCompose(t, map[string]string{}); err == nil || !strings.Contains(err.Error(), "REDIS_PASSWORD") {
		t.Errorf("err = %v, want one naming REDIS_PASSWORD", err)
	}
}

func mountsVolume(s types.ServiceConfig, name, target string) bool {
	return slices.ContainsFunc(s.Volumes, func(v types.ServiceVolumeConfig) bool {
		return v.Type == types.VolumeTypeVolume && v.Source == name && v.Target == target
	})
}
