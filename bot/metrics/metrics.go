// Package metrics defines jointwork's Prometheus metrics and small typed
// functions to record them, so that each call site is one line:
//
//	m.Request(metrics.Slack, metrics.OK)
//	m.Ack(metrics.Slack, time.Since(start))
//
// Every method works on a nil *Metrics and then does nothing, so code paths
// without metrics (tests, the console) need no checks. Label values come from
// small fixed sets (Platform, Outcome, Queue) or are cut down to a safe name,
// so no label can carry message text, names or ids.
package metrics

import (
	"runtime"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Namespace prefixes every metric name.
const Namespace = "jointwork"

// Metrics holds the collectors in their own registry.
type Metrics struct {
	reg            *prometheus.Registry
	requests       *prometheus.CounterVec
	ack            *prometheus.HistogramVec
	command        *prometheus.HistogramVec
	queueDepth     *prometheus.GaugeVec
	queueOldest    *prometheus.GaugeVec
	schedulerLag   prometheus.Histogram
	pingsSent      prometheus.Counter
	pingsEscalated prometheus.Counter
	platformCalls  *prometheus.CounterVec
	rateLimited    *prometheus.CounterVec
	redisErrors    *prometheus.CounterVec
	buildInfo      *prometheus.GaugeVec
}

// Options configure New.
type Options struct {
	// Version is the build's version, shown on jointwork_build_info.
	Version string
	// NoRuntime leaves out the Go runtime and process collectors (go_*,
	// process_*); tests use it to see only jointwork's own metrics.
	NoRuntime bool
}

// New creates the metrics in a fresh registry.
func New(opt Options) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.define()
	m.reg.MustRegister(m.requests, m.ack, m.command, m.queueDepth, m.queueOldest, m.schedulerLag,
		m.pingsSent, m.pingsEscalated, m.platformCalls, m.rateLimited, m.redisErrors, m.buildInfo)
	if !opt.NoRuntime {
		m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	version := opt.Version
	if version == "" {
		version = "dev"
	}
	m.buildInfo.WithLabelValues(version, runtime.Version()).Set(1)
	for _, p := range platforms {
		for _, o := range outcomes {
			m.requests.WithLabelValues(string(p), string(o))
		}
		m.rateLimited.WithLabelValues(string(p))
	}
	for _, q := range queues {
		m.queueDepth.WithLabelValues(string(q))
		m.queueOldest.WithLabelValues(string(q))
	}
	return m
}

// Registry returns the registry, for tests and for adding collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

func (m *Metrics) define() {
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "requests_total",
		Help: "Requests received from a chat platform, by platform and outcome."}, []string{"platform", "outcome"})
	m.ack = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "ack_duration_seconds",
		Help:    "Time from receiving a platform request to acknowledging it (Slack allows 3 s).",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2, 3, 5}}, []string{"platform"})
	m.command = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "command_duration_seconds",
		Help:    "Time to carry out a command, by command and outcome.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}}, []string{"command", "outcome"})
	m.queueDepth = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: "queue_depth",
		Help: "Items waiting in a queue (inbox: acknowledged requests; outbox: messages to send)."}, []string{"queue"})
	m.queueOldest = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: "queue_oldest_age_seconds",
		Help: "Age of the oldest item waiting in a queue; 0 when it is empty."}, []string{"queue"})
	m.schedulerLag = prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: Namespace, Name: "scheduler_lag_seconds",
		Help:    "Delay between when timed work was due and when a replica started it.",
		Buckets: []float64{.1, .5, 1, 2, 5, 10, 30, 60, 120, 300, 900}})
	m.pingsSent = prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "pings_sent_total",
		Help: "Reminder pings sent to people."})
	m.pingsEscalated = prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "pings_escalated_total",
		Help: "Pings escalated to a manager because nobody acted on them."})
	m.platformCalls = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "platform_api_calls_total",
		Help: "Calls to a platform API (Slack Web API, Bot Framework, Microsoft Graph), by platform and result."},
		[]string{"platform", "result"})
	m.rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "platform_api_rate_limited_total",
		Help: "Platform API calls answered 429 Too Many Requests."}, []string{"platform"})
	m.redisErrors = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "redis_errors_total",
		Help: "Redis commands that failed (not counting missing keys), by operation."}, []string{"op"})
	m.buildInfo = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: "build_info",
		Help: "Always 1; the labels name the running build."}, []string{"version", "goversion"})
}
