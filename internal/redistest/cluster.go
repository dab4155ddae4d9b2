package redistest

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Cluster is a Redis Cluster of primaries without replicas, each a
// redis-server process on free loopback ports owned by one test.
type Cluster struct {
	Nodes []*Server
}

// StartCluster launches n cluster-enabled servers, joins them with
// redis-cli --cluster create (slots spread over all of them) and waits,
// polling with a bound, until every node reports cluster_state:ok.
func StartCluster(tb testing.TB, n int) *Cluster {
	tb.Helper()
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		serverBin(tb) // skips or fails like Start when Redis is missing
		tb.Skip("redis-cli not installed")
	}
	c := &Cluster{}
	args := []string{"--cluster", "create"}
	for i := 0; i < n; i++ {
		dir := tb.TempDir()
		s := startWith(tb, freePort(tb), []string{
			"--cluster-enabled", "yes", "--cluster-port", strconv.Itoa(freePort(tb)),
			"--cluster-config-file", filepath.Join(dir, "nodes.conf"),
			"--cluster-node-timeout", "5000",
		})
		c.Nodes = append(c.Nodes, s)
		args = append(args, s.Addr)
	}
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		tb.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, s := range c.Nodes {
		poll(tb, "cluster ok on "+s.Addr, func(ctx context.Context) error {
			return clusterOK(ctx, s.Addr, n)
		})
	}
	return c
}

// URL is the go-redis cluster URL (first node, the others as addr
// parameters), as JOINTWORK_REDIS_URL takes it.
func (c *Cluster) URL() string {
	u := "redis://" + c.Nodes[0].Addr
	sep := "?"
	for _, s := range c.Nodes[1:] {
		u += sep + "addr=" + s.Addr
		sep = "&"
	}
	return u
}

// clusterOK checks that the node at addr sees a healthy cluster of n
// known nodes with every slot assigned.
func clusterOK(ctx context.Context, addr string, n int) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	info, err := c.ClusterInfo(ctx).Result()
	if err != nil {
		return err
	}
	for _, want := range []string{"cluster_state:ok", "cluster_slots_ok:16384",
		"cluster_known_nodes:" + strconv.Itoa(n)} {
		if !strings.Contains(info, want+"\r\n") {
			return fmt.Errorf("%s: no %q yet", addr, want)
		}
	}
	return nil
}
