package metrics

import (
	"strconv"
	"time"
)

// Platform is a chat platform label value.
type Platform string

// The platforms.
const (
	Slack   Platform = "slack"
	Teams   Platform = "teams"
	Console Platform = "console"
)

var platforms = []Platform{Slack, Teams, Console}

// Outcome is how a request or command ended.
type Outcome string

// The outcomes.
const (
	OK        Outcome = "ok"        // done
	Rejected  Outcome = "rejected"  // refused: bad signature or token, not allowed, bad input
	Duplicate Outcome = "duplicate" // a platform retry of something already seen
	Busy      Outcome = "busy"      // turned away because the queue was full
	Error     Outcome = "error"     // failed on our side
)

var outcomes = []Outcome{OK, Rejected, Duplicate, Busy, Error}

// Queue names a queue.
type Queue string

// The queues.
const (
	Inbox  Queue = "inbox"
	Outbox Queue = "outbox"
)

var queues = []Queue{Inbox, Outbox}

// Request counts one request from a platform.
func (m *Metrics) Request(p Platform, o Outcome) {
	if m != nil {
		m.requests.WithLabelValues(platform(p), outcome(o)).Inc()
	}
}

// Ack records the time taken to acknowledge a platform request.
func (m *Metrics) Ack(p Platform, d time.Duration) {
	if m != nil {
		m.ack.WithLabelValues(platform(p)).Observe(d.Seconds())
	}
}

// Command records one command: its keyword (as the command table names it,
// never the user's text), how it ended and how long it took.
func (m *Metrics) Command(command string, o Outcome, d time.Duration) {
	if m != nil {
		m.command.WithLabelValues(Name(command), outcome(o)).Observe(d.Seconds())
	}
}

// Queue sets a queue's depth and the age of its oldest item.
func (m *Metrics) Queue(q Queue, depth int, oldest time.Duration) {
	if m == nil {
		return
	}
	name := Name(string(q))
	m.queueDepth.WithLabelValues(name).Set(float64(depth))
	m.queueOldest.WithLabelValues(name).Set(max(oldest, 0).Seconds())
}

// SchedulerLag records how late a piece of timed work started.
func (m *Metrics) SchedulerLag(d time.Duration) {
	if m != nil {
		m.schedulerLag.Observe(max(d, 0).Seconds())
	}
}

// PingSent counts a reminder ping.
func (m *Metrics) PingSent() {
	if m != nil {
		m.pingsSent.Inc()
	}
}

// PingEscalated counts a ping escalated to a manager.
func (m *Metrics) PingEscalated() {
	if m != nil {
		m.pingsEscalated.Inc()
	}
}

// PlatformCall counts a call to a platform API by its HTTP status (0 when no
// answer came: a network error or a timeout). A 429 is also counted as rate
// limited.
func (m *Metrics) PlatformCall(p Platform, status int) {
	if m == nil {
		return
	}
	m.platformCalls.WithLabelValues(platform(p), result(status)).Inc()
	if status == 429 {
		m.rateLimited.WithLabelValues(platform(p)).Inc()
	}
}

// RedisError counts a failed Redis operation (op: a short fixed name such as
// "claim" or "append", never a key).
func (m *Metrics) RedisError(op string) {
	if m != nil {
		m.redisErrors.WithLabelValues(Name(op)).Inc()
	}
}

// result is the result label of a platform call: "2xx" to "5xx", or "error".
func result(status int) string {
	if status < 100 || status > 599 {
		return "error"
	}
	return strconv.Itoa(status/100) + "xx"
}

func platform(p Platform) string {
	for _, k := range platforms {
		if p == k {
			return string(p)
		}
	}
	return "other"
}

func outcome(o Outcome) string {
	for _, k := range outcomes {
		if o == k {
			return string(o)
		}
	}
	return "other"
}

// Name makes a free-form label value safe: lower-case letters, digits, "_"
// and "-", at most 32 bytes; anything else becomes "other". It keeps label
// values few and free of personal data.
func Name(s string) string {
	if s == "" || len(s) > 32 {
		return "other"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return "other"
		}
	}
	return s
}

// StatusOutcome is the outcome of a request answered with an HTTP status:
// 2xx ok, 503 and 429 busy, other 4xx rejected, anything else error.
func StatusOutcome(status int) Outcome {
	switch {
	case status >= 200 && status < 300:
		return OK
	case status == 503 || status == 429:
		return Busy
	case status >= 400 && status < 500:
		return Rejected
	}
	return Error
}
