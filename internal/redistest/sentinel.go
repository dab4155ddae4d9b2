package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// MasterName is the name the Sentinel of StartSentinel monitors.
const MasterName = "jwprimary"

// setupLimit bounds every wait for a topology to become ready.
const setupLimit = 20 * time.Second

// Sentinel is a primary, one replica and one Sentinel watching them, all
// redis-server processes on free loopback ports owned by one test.
type Sentinel struct {
	Primary, Replica *Server
	// Addr is the Sentinel's host:port.
	Addr string
	tb   testing.TB
	sc   *redis.SentinelClient
}

// StartSentinel launches the primary, a replica in sync with it, and a
// Sentinel that knows both, and waits (polling, bounded) until they are.
func StartSentinel(tb testing.TB) *Sentinel {
	tb.Helper()
	p := Start(tb)
	r := startWith(tb, freePort(tb), []string{"--replicaof", "127.0.0.1", strconv.Itoa(p.port)})
	poll(tb, "replica in sync", func(ctx context.Context) error {
		return infoHas(ctx, r.Addr, "replication", "master_link_status:up")
	})
	s := &Sentinel{Primary: p, Replica: r, tb: tb}
	s.Addr = startSentinelProc(tb, p.port)
	s.sc = redis.NewSentinelClient(&redis.Options{Addr: s.Addr})
	tb.Cleanup(func() { _ = s.sc.Close() })
	poll(tb, "sentinel sees the replica", func(ctx context.Context) error {
		reps, err := s.sc.Replicas(ctx, MasterName).Result()
		if err != nil {
			return err
		}
		for _, m := range reps {
			if m["flags"] == "slave" && m["port"] == strconv.Itoa(r.port) {
				return nil
			}
		}
		return fmt.Errorf("replica not known yet (%d listed)", len(reps))
	})
	return s
}

// URL is the go-redis failover URL of the Sentinel, as
// JOINTWORK_REDIS_URL takes it.
func (s *Sentinel) URL() string {
	return "redis://" + s.Addr + "?master_name=" + MasterName
}

// PrimaryAddr is the primary's address as the Sentinel reports it now.
func (s *Sentinel) PrimaryAddr(ctx context.Context) (string, error) {
	a, err := s.sc.GetMasterAddrByName(ctx, MasterName).Result()
	if err != nil {
		return "", err
	}
	return net.JoinHostPort(a[0], a[1]), nil
}

// Failover makes the Sentinel promote the replica (SENTINEL FAILOVER) and
// waits until the replica is the primary and the Sentinel says so. It
// returns the new primary's address. A primary still running is demoted by
// the Sentinel only at its next check (up to 10 s later): kill it first
// (Primary.Kill) to test a crash without that split-brain window.
func (s *Sentinel) Failover() string {
	s.tb.Helper()
	old, err := s.PrimaryAddr(context.Background())
	if err != nil {
		s.tb.Fatalf("sentinel primary: %v", err)
	}
	poll(s.tb, "failover accepted", func(ctx context.Context) error {
		return s.sc.Failover(ctx, MasterName).Err()
	})
	var now string
	poll(s.tb, "failover done", func(ctx context.Context) error {
		a, err := s.PrimaryAddr(ctx)
		if err != nil || a == old {
			return fmt.Errorf("primary still %s (%v)", a, err)
		}
		now = a
		return infoHas(ctx, a, "replication", "role:master")
	})
	return now
}

// startSentinelProc writes a Sentinel config file and runs
// redis-server --sentinel with it; it returns the Sentinel's address.
func startSentinelProc(tb testing.TB, primaryPort int) string {
	tb.Helper()
	bin := serverBin(tb)
	dir := tb.TempDir()
	port := freePort(tb)
	conf := filepath.Join(dir, "sentinel.conf")
	body := fmt.Sprintf("port %d\nbind 127.0.0.1\ndir %s\nlogfile %s\n"+
		"sentinel monitor %s 127.0.0.1 %d 1\n"+
		"sentinel down-after-milliseconds %[4]s 2000\nsentinel failover-timeout %[4]s 10000\n",
		port, dir, filepath.Join(dir, "sentinel.log"), MasterName, primaryPort)
	if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
		tb.Fatalf("sentinel config: %v", err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := exec.Command(bin, conf, "--sentinel")
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start sentinel: %v", err)
	}
	tb.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	if err := waitReady(addr, setupLimit); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "sentinel.log"))
		tb.Fatalf("sentinel not ready: %v\n%s", err, log)
	}
	return addr
}

// infoHas checks that INFO section of the server at addr holds line.
func infoHas(ctx context.Context, addr, section, line string) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	info, err := c.Info(ctx, section).Result()
	if err != nil {
		return err
	}
	if !strings.Contains(info, line+"\r\n") {
		return fmt.Errorf("%s: no %q yet", addr, line)
	}
	return nil
}

// poll calls f until it succeeds, failing the test after setupLimit.
func poll(tb testing.TB, what string, f func(ctx context.Context) error) {
	tb.Helper()
	deadline := time.Now().Add(setupLimit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := f(ctx)
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("redistest: %s: not within %s: %v", what, setupLimit, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
