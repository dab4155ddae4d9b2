// Package redistest starts a real redis-server for tests: on a free loopback
// port, in a temporary directory, with the append-only file switched on, and
// stopped when the test ends.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is a redis-server process owned by one test.
type Server struct {
	Addr string
	Dir  string
	port int
	cmd  *exec.Cmd
	tb   testing.TB
	// extra arguments for redis-server (replication, cluster mode)
	extra []string
}

// Start launches redis-server on a free port with a temporary data directory
// and AOF enabled. The test is skipped with a clear message when
// redis-server is not installed and JOINTWORK_REQUIRE_REDIS is unset; it
// fails when the variable is set (CI sets it, so a missing install is loud).
func Start(tb testing.TB) *Server {
	tb.Helper()
	return startWith(tb, freePort(tb), nil)
}

// startWith launches redis-server on port with extra arguments.
func startWith(tb testing.TB, port int, extra []string) *Server {
	tb.Helper()
	bin := serverBin(tb)
	s := &Server{Dir: tb.TempDir(), tb: tb, port: port, extra: extra}
	s.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
	s.start(bin)
	tb.Cleanup(s.Stop)
	return s
}

// serverBin finds redis-server, skipping the test when it is missing.
func serverBin(tb testing.TB) string {
	tb.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("JOINTWORK_REQUIRE_REDIS") != "" {
			tb.Fatalf("redis-server not found: install it (apt-get install -y redis-server)")
		}
		tb.Skip("redis-server not installed; run the README test command to install it")
	}
	return bin
}

// URL is the redis:// URL of the server, as JOINTWORK_REDIS_URL takes it.
func (s *Server) URL() string { return "redis://" + s.Addr + "/0" }

// Client returns a go-redis client for the server, closed when the test ends.
func (s *Server) Client() *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.Addr})
	s.tb.Cleanup(func() { _ = c.Close() })
	return c
}

// Restart stops the server and starts it again on the same port and data
// directory, so tests can check that acknowledged writes survive (AOF).
func (s *Server) Restart() {
	s.tb.Helper()
	s.Stop()
	bin, _ := exec.LookPath("redis-server")
	s.start(bin)
}

// Stop ends the server process; it is safe to call more than once.
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
}

// Terminate stops the server with SIGTERM, as an orchestrator does (Redis
// then flushes its append-only file and exits), and waits for it to end.
func (s *Server) Terminate() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Kill ends the server abruptly (SIGKILL), as a crash would.
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

func (s *Server) start(bin string) {
	s.tb.Helper()
	args := []string{
		"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--dir", s.Dir, "--appendonly", "yes", "--appendfsync", "always",
		"--save", "", "--daemonize", "no", "--logfile", filepath.Join(s.Dir, "redis.log"),
	}
	args = append(args, s.extra...)
	s.cmd = exec.Command(bin, args...)
	if err := s.cmd.Start(); err != nil {
		s.tb.Fatalf("start redis-server: %v", err)
	}
	if err := waitReady(s.Addr, 10*time.Second); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.Dir, "redis.log"))
		s.Stop()
		s.tb.Fatalf("redis-server not ready: %v\n%s", err, log)
	}
}

func waitReady(addr string, limit time.Duration) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer on %s: %w", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// FreePort returns a loopback port free right now, for a server a test
// starts later (StartOn).
func FreePort(tb testing.TB) int { return freePort(tb) }

// StartOn is Start on a given port.
func StartOn(tb testing.TB, port int) *Server {
	tb.Helper()
	return startWith(tb, port, nil)
}
