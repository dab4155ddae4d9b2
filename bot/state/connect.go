package state

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Timeouts applied by Connect unless the URL sets its own.
const (
	dialTimeout = 2 * time.Second
	ioTimeout   = 2 * time.Second
	poolTimeout = 3 * time.Second
	// A bot must answer within seconds, so an outage should fail fast:
	// 2 dial attempts 50 ms apart, 2 command retries.
	dialRetries   = 2
	dialRetryWait = 50 * time.Millisecond
	cmdRetries    = 2
)

// Connect opens a client for a redis:// or rediss:// URL in the mode the
// URL implies (see ParseMode); ConnectMode takes an explicit mode.
func Connect(ctx context.Context, url string) (redis.UniversalClient, error) {
	return ConnectMode(ctx, url, ModeAuto)
}

// ConnectMode opens a client for url in mode (single, sentinel, cluster or
// "" to decide from the URL, see ParseMode), applies sensible timeouts (2 s
// dial, 2 s read/write, 3 s pool wait, 2 retries) unless the URL sets them,
// fails fast while the server is down (an outage costs well under a second
// per call, not go-redis' default of several), and pings the server.
func ConnectMode(ctx context.Context, url, mode string) (redis.UniversalClient, error) {
	rdb, where, err := open(url, mode)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, dialTimeout+ioTimeout)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, wrap("connect to "+where, err)
	}
	return rdb, nil
}

// Open is ConnectMode without the ping: the client connects on first use
// and reconnects by itself, so a bot can start while Redis is down and
// become ready when it answers. Only a bad URL or mode is an error.
func Open(url, mode string) (redis.UniversalClient, error) {
	rdb, _, err := open(url, mode)
	return rdb, err
}

func open(url, mode string) (redis.UniversalClient, string, error) {
	m, err := ParseMode(url, mode)
	if err != nil {
		return nil, "", err
	}
	rdb, where, err := newClient(url, m)
	if err != nil {
		return nil, "", fmt.Errorf("state: redis url (%s mode): %w", m, err)
	}
	return rdb, where, nil
}

// Embedded starts an in-process Redis-compatible server (miniredis) and
// returns a client for it and a function that stops both. State is lost when
// it stops. Key expiry follows the wall clock (a background ticker advances
// miniredis' TTLs every 100 ms).
func Embedded() (redis.UniversalClient, func(), error) {
	m, err := miniredis.Run()
	if err != nil {
		return nil, nil, fmt.Errorf("state: start embedded redis: %w", err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr(), Protocol: 2, DisableIdentity: true})
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); expire(m, done) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			_ = rdb.Close()
			m.Close()
		})
	}
	return rdb, stop, nil
}

// expire advances miniredis' TTLs by the wall time elapsed, until done.
func expire(m *miniredis.Miniredis, done <-chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-done:
			return
		case now := <-t.C:
			m.FastForward(now.Sub(last))
			last = now
		}
	}
}
