package state

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Deployment modes of Redis, as JOINTWORK_REDIS_MODE takes them.
const (
	// ModeAuto picks the mode from the URL (see ParseMode).
	ModeAuto = ""
	// ModeSingle is one primary (optionally with replicas the bot ignores).
	ModeSingle = "single"
	// ModeSentinel finds the primary through Redis Sentinel and follows a
	// failover.
	ModeSentinel = "sentinel"
	// ModeCluster talks to a Redis Cluster.
	ModeCluster = "cluster"
)

// ParseMode returns the deployment mode for url. An explicit mode (single,
// sentinel or cluster) wins. Otherwise the URL decides, in go-redis' own
// forms: a master_name parameter means Sentinel
// (redis://sentinel1:26379?master_name=NAME&addr=sentinel2:26379), any addr
// parameter without master_name means Cluster
// (redis://node1:6379?addr=node2:6379&addr=node3:6379), and a plain URL is a
// single server. A cluster reached through one seed node needs the explicit
// mode "cluster".
func ParseMode(rawURL, mode string) (string, error) {
	switch mode = strings.ToLower(strings.TrimSpace(mode)); mode {
	case ModeSingle, ModeSentinel, ModeCluster:
		return mode, nil
	case ModeAuto:
	default:
		return "", fmt.Errorf("%w: redis mode %q (want single, sentinel or cluster)", ErrInvalid, mode)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("%w: redis url does not parse", ErrInvalid)
	}
	q := u.Query()
	switch {
	case q.Has("master_name"):
		return ModeSentinel, nil
	case q.Has("addr"):
		return ModeCluster, nil
	}
	return ModeSingle, nil
}

// newClient builds the go-redis client of mode for rawURL with go-redis'
// own URL parsers, applying the package's timeouts where the URL sets none.
func newClient(rawURL, mode string) (redis.UniversalClient, string, error) {
	switch mode {
	case ModeSentinel:
		o, err := redis.ParseFailoverURL(rawURL)
		if err != nil {
			return nil, "", err
		}
		if o.MasterName == "" {
			return nil, "", fmt.Errorf("%w: sentinel mode needs master_name in the url", ErrInvalid)
		}
		t := timeouts{&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries}
		t.apply()
		o.DialerRetries, o.DialerRetryTimeout = dialRetries, dialRetryWait
		return redis.NewFailoverClient(o), "sentinel " + o.MasterName, nil
	case ModeCluster:
		o, err := redis.ParseClusterURL(rawURL)
		if err != nil {
			return nil, "", err
		}
		t := timeouts{&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries}
		t.apply()
		o.DialerRetries, o.DialerRetryTimeout = dialRetries, dialRetryWait
		return redis.NewClusterClient(o), "cluster " + strings.Join(o.Addrs, ","), nil
	}
	o, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, "", err
	}
	t := timeouts{&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries}
	t.apply()
	o.DialerRetries, o.DialerRetryTimeout = dialRetries, dialRetryWait
	return redis.NewClient(o), o.Addr, nil
}

// timeouts points at the option fields Connect fills in when unset.
type timeouts struct {
	dial, read, write, pool *time.Duration
	retries                 *int
}

func (t timeouts) apply() {
	for _, f := range []struct {
		p *time.Duration
		v time.Duration
	}{{t.dial, dialTimeout}, {t.read, ioTimeout}, {t.write, ioTimeout}, {t.pool, poolTimeout}} {
		if *f.p == 0 {
			*f.p = f.v
		}
	}
	if *t.retries == 0 {
		*t.retries = cmdRetries
	}
}

// hashTagged reports whether prefix already holds a Redis hash tag.
func hashTagged(prefix string) bool {
	i := strings.IndexByte(prefix, '{')
	return i >= 0 && strings.IndexByte(prefix[i+1:], '}') > 0
}
