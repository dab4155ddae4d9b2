// Command jointwork-load measures how fast the Slack adapter acknowledges
// requests: it sends signed `/jointwork ask` slash commands and app_mention
// events from many concurrent clients to the bot's HTTP endpoints and
// reports acks per second, ack latency (p50, p99, max), the replies the bot
// delivered meanwhile, and the bot's CPU and memory.
//
// By default it starts everything itself on loopback: a redis-server (with
// deploy/redis.conf), a fake Slack Web API, and the bot in a child process
// (this program's "bot" mode, built like `jointwork serve` with
// internal/app), so the bot's CPU and RSS are its own.
//
//	go run ./cmd/jointwork-load -c 50 -d 10s
//
// To load a bot you started yourself, point it at this program's fake Slack
// API (SLACK_API_URL=http://127.0.0.1:9999) and give its address and pid:
//
//	go run ./cmd/jointwork-load -url http://127.0.0.1:8080 -pid 1234 -fake 127.0.0.1:9999 -secret …
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	_ "github.com/jointwork/jointwork/internal/platforms" // registers Slack and Teams
)

// options are the command line.
type options struct {
	url, secret, fake, redisURL, redisConf, mix string
	clients, pid, rate, workers, queue          int
	duration, warmup                            time.Duration
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "bot" {
		os.Exit(runBot(os.Args[2:]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, parseFlags()); err != nil {
		fmt.Fprintln(os.Stderr, "jointwork-load:", err)
		os.Exit(1)
	}
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.url, "url", "", "base URL of a running bot (default: start one in a child process)")
	flag.IntVar(&o.pid, "pid", 0, "pid of the bot at -url, to sample its CPU and memory")
	flag.StringVar(&o.secret, "secret", "load-test-signing-secret", "Slack signing secret the bot checks")
	flag.StringVar(&o.fake, "fake", "127.0.0.1:0", "address of the fake Slack Web API")
	flag.StringVar(&o.redisURL, "redis", "", "Redis for the child bot (default: start redis-server)")
	flag.StringVar(&o.redisConf, "redis-conf", "deploy/redis.conf", "redis.conf for the redis-server started here")
	flag.StringVar(&o.mix, "mix", "ask,mention", "request kinds sent in turn: ask (slash command), mention (app_mention event)")
	flag.IntVar(&o.clients, "c", 50, "concurrent clients")
	flag.IntVar(&o.workers, "workers", 0, "the child bot's JOINTWORK_SLACK_WORKERS and JOINTWORK_INBOX_WORKERS (0 = their defaults)")
	flag.IntVar(&o.queue, "queue", 0, "the child bot's JOINTWORK_SLACK_QUEUE (0 = its default)")
	flag.IntVar(&o.rate, "rate", 0, "requests per second offered by all clients together (0 = each client sends as soon as its last request is acked)")
	flag.DurationVar(&o.duration, "d", 10*time.Second, "measured duration")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "load before measuring (not counted)")
	flag.Parse()
	return o
}

func run(ctx context.Context, o options) error {
	fake, err := startFake(o.fake)
	if err != nil {
		return err
	}
	defer fake.close()
	target, pid := o.url, o.pid
	if target == "" {
		child, err := startChild(ctx, o, fake.url())
		if err != nil {
			return err
		}
		defer child.stop()
		target, pid = child.url, child.pid
	}
	fmt.Printf("target %s (pid %d), fake Slack %s, %d clients, mix %s, warm-up %s, measuring %s\n",
		target, pid, fake.url(), o.clients, o.mix, o.warmup, o.duration)
	kinds := strings.Split(o.mix, ",")
	res, err := load(ctx, loadOptions{url: target, secret: o.secret, clients: o.clients, kinds: kinds, rate: o.rate,
		warmup: o.warmup, duration: o.duration, pid: pid, fake: fake})
	if err != nil {
		return err
	}
	res.print(os.Stdout)
	return nil
}
