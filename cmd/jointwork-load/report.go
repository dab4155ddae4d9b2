package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// procSample is a reading of a process's CPU time and memory.
type procSample struct {
	cpu     time.Duration // user + system
	rssKB   int64
	hwmKB   int64
	threads int64
	sampled bool
}

// clockTick is USER_HZ, 100 on Linux.
const clockTick = 100

func sampleProc(pid int) (procSample, error) {
	if pid <= 0 {
		return procSample{}, nil
	}
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procSample{}, fmt.Errorf("sample pid %d: %w", pid, err)
	}
	s := string(raw)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	ut, _ := strconv.ParseInt(fields[11], 10, 64)
	st, _ := strconv.ParseInt(fields[12], 10, 64)
	p := procSample{cpu: time.Duration(ut+st) * time.Second / clockTick, sampled: true}
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(status), "\n") {
		k, v, _ := strings.Cut(line, ":")
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			p.rssKB = n
		case "VmHWM":
			p.hwmKB = n
		case "Threads":
			p.threads = n
		}
	}
	return p, nil
}

type result struct {
	acks, busy, failed int
	elapsed            time.Duration
	lat                []time.Duration
	before, after      procSample
	replies            int64 // replies delivered during the measured window
	repliesTotal       int64
	drain              time.Duration
	replyLat           []time.Duration // request sent → its reply at the fake Slack, sorted
	selfCPU            time.Duration   // this program (clients and fake Slack) during the run
}

func newResult(clients []*client, elapsed time.Duration, before, after procSample, replies int64) *result {
	r := &result{elapsed: elapsed, before: before, after: after, replies: replies}
	for _, c := range clients {
		r.lat = append(r.lat, c.lat...)
		r.busy += c.busy
		r.failed += c.failed
	}
	r.acks = len(r.lat)
	slices.Sort(r.lat)
	return r
}

func (r *result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))]
}

func (r *result) print(w io.Writer) {
	sec := r.elapsed.Seconds()
	fmt.Fprintf(w, "acks            %d in %.1fs = %.0f acks/s (busy %d, failed %d)\n", r.acks, sec, float64(r.acks)/sec, r.busy, r.failed)
	fmt.Fprintf(w, "ack latency     p50 %s  p90 %s  p99 %s  max %s\n", round(r.pct(0.50)), round(r.pct(0.90)), round(r.pct(0.99)), round(r.pct(1)))
	if n := len(r.replyLat); n > 0 {
		at := func(p float64) time.Duration { return r.replyLat[min(n-1, int(float64(n)*p))] }
		fmt.Fprintf(w, "reply latency   p50 %s  p90 %s  p99 %s  max %s (request → reply at the fake Slack; %d timed)\n",
			round(at(0.50)), round(at(0.90)), round(at(0.99)), round(at(1)), n)
	}
	fmt.Fprintf(w, "replies sent    %d during the run = %.0f/s; %d in all; queue drained %s after the load stopped\n",
		r.replies, float64(r.replies)/sec, r.repliesTotal, round(r.drain))
	if r.after.sampled {
		cpu := r.after.cpu - r.before.cpu
		fmt.Fprintf(w, "bot process     CPU %.0f%% of one core (%.2fs in %.1fs); RSS %d MiB (peak %d MiB); %d threads\n",
			100*cpu.Seconds()/sec, cpu.Seconds(), sec, r.after.rssKB/1024, r.after.hwmKB/1024, r.after.threads)
	}
	fmt.Fprintf(w, "load generator  CPU %.0f%% of one core (clients and fake Slack API, same machine)\n", 100*r.selfCPU.Seconds()/sec)
}

func round(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(time.Millisecond)
	case d > time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
