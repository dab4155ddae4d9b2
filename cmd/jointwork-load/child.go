package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jointwork/jointwork/bot/config"
	"github.com/jointwork/jointwork/internal/app"
)

// child is the bot under load, in its own process.
type child struct {
	cmd   *exec.Cmd
	redis *exec.Cmd
	url   string
	pid   int
	dir   string
}

// startChild starts redis-server (unless -redis is given) and the bot, and
// waits until the bot says where it listens.
func startChild(ctx context.Context, o options, fakeURL string) (*child, error) {
	c := &child{}
	var err error
	if c.dir, err = os.MkdirTemp("", "jointwork-load-"); err != nil {
		return nil, err
	}
	redisURL := o.redisURL
	if redisURL == "" {
		if redisURL, err = c.startRedis(o.redisConf); err != nil {
			c.stop()
			return nil, err
		}
	}
	self, err := os.Executable()
	if err != nil {
		c.stop()
		return nil, err
	}
	c.cmd = exec.CommandContext(ctx, self, "bot")
	c.cmd.Env = append(os.Environ(), "JOINTWORK_REDIS_URL="+redisURL, "SLACK_BOT_TOKEN=xoxb-load",
		"SLACK_SIGNING_SECRET="+o.secret, "SLACK_API_URL="+fakeURL, "SLACK_APP_TOKEN=", "JOINTWORK_LOG_LEVEL=warn",
		"JOINTWORK_HTTP_ADDR=127.0.0.1:0")
	if o.workers > 0 {
		c.cmd.Env = append(c.cmd.Env, fmt.Sprintf("JOINTWORK_SLACK_WORKERS=%d", o.workers), fmt.Sprintf("JOINTWORK_INBOX_WORKERS=%d", o.workers))
	}
	if o.queue > 0 {
		c.cmd.Env = append(c.cmd.Env, fmt.Sprintf("JOINTWORK_SLACK_QUEUE=%d", o.queue))
	}
	c.cmd.Stderr = os.Stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		c.stop()
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		c.stop()
		return nil, fmt.Errorf("start bot: %w", err)
	}
	c.pid = c.cmd.Process.Pid
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening ") {
		c.stop()
		return nil, fmt.Errorf("bot did not start: %q %v", line, err)
	}
	c.url = "http://" + strings.TrimSpace(strings.TrimPrefix(line, "listening "))
	return c, nil
}

// startRedis runs redis-server with the deployment's redis.conf on a free
// loopback port, in a temporary directory.
func (c *child) startRedis(conf string) (string, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", errors.New("redis-server not found: install it (apt-get install -y redis-server) or pass -redis")
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	var args []string
	if _, err := os.Stat(conf); err == nil {
		abs, _ := filepath.Abs(conf)
		args = append(args, abs)
	}
	args = append(args, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", c.dir,
		"--daemonize", "no", "--logfile", filepath.Join(c.dir, "redis.log"))
	c.redis = exec.Command(bin, args...)
	if err := c.redis.Start(); err != nil {
		return "", fmt.Errorf("start redis-server: %w", err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) {
			return "", errors.New("redis-server did not start")
		}
	}
	return "redis://" + addr + "/0", nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// stop ends the bot (letting it drain) and redis-server.
func (c *child) stop() {
	for _, p := range []*exec.Cmd{c.cmd, c.redis} {
		if p == nil || p.Process == nil {
			continue
		}
		_ = p.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = p.Process.Kill()
			<-done
		}
	}
	if c.dir != "" {
		_ = os.RemoveAll(c.dir)
	}
}

// runBot is the child: the bot exactly as `jointwork serve` builds it
// (config from the environment, internal/app's server), listening on
// JOINTWORK_HTTP_ADDR. It
// prints "listening ADDR" once ready and stops on SIGTERM.
func runBot(_ []string) int {
	ctx, stop := signalContext()
	defer stop()
	if path := os.Getenv("JWLOAD_CPUPROFILE"); path != "" {
		defer startProfile(path)()
	}
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	a, err := app.New(ctx, cfg, app.Options{Log: newLogger(cfg)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bot:", err)
		return 1
	}
	defer a.Close()
	srv, err := app.NewServer(ctx, a)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bot:", err)
		return 1
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bot:", err)
		return 1
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	fmt.Printf("listening %s\n", ln.Addr())
	<-ctx.Done()
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = hs.Shutdown(shut)
	return 0
}
