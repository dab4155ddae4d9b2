package handlers_test

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// benchCases is how many cases the item commands rotate over, so one case
// does not collect thousands of tasks (its card and lists read them all).
const benchCases = 20

// benchCmd is one command measured end to end through the kernel (dedupe,
// routing, handler, Redis, console rendering): pre runs untimed before
// each run, then do is timed.
type benchCmd struct {
	name string
	pre  func(e *env, i int)
	do   func(e *env, i int) string
}

// BenchmarkCommands times each case command against a real redis-server and
// reports the median and 99th percentile per run. Run it with a fixed count:
//
//	go test -run '^$' -bench Commands -benchtime 1000x ./handlers/
func BenchmarkCommands(b *testing.B) {
	e := newEnv(b)
	for k := 0; k < benchCases; k++ {
		ref := pool(k)
		e.permit(ref)
		e.in(ref, "alex", "/jointwork invite @chris wound care")
	}
	e.open("q1") // no consent: refusals
	recordCase(e, "r1")
	seq := 0
	next := func() int { seq++; return seq }
	for _, c := range benchCommands(next) {
		b.Run(c.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if c.pre != nil {
					c.pre(e, i)
				}
				b.StartTimer()
				t0 := time.Now()
				out := c.do(e, i)
				lat = append(lat, time.Since(t0))
				if out == "" {
					b.Fatalf("%s printed nothing", c.name)
				}
			}
			report(b, lat)
		})
	}
}

func pool(k int) string { return fmt.Sprintf("p%d", k%benchCases+1) }

// report adds the median and 99th percentile of the runs.
func report(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Nanoseconds()) }
	b.ReportMetric(pct(0.50), "p50-ns")
	b.ReportMetric(pct(0.99), "p99-ns")
}

func benchCommands(next func() int) []benchCmd {
	return append(caseBench(next), itemBench(next)...)
}

func caseBench(next func() int) []benchCmd {
	var closing string
	return []benchCmd{
		{name: "case_open", do: func(e *env, i int) string { return e.dm("alex", fmt.Sprintf("/jointwork case open b%d", next())) }},
		{name: "case_close", pre: func(e *env, i int) { closing = fmt.Sprintf("z%d", next()); e.open(closing) },
			do: func(e *env, i int) string { return e.in(closing, "alex", "/jointwork case close done") }},
		{name: "consent_facts", do: func(e *env, i int) string {
			return e.in(pool(i), "alex", "/jointwork consent capacity=yes consent=yes direct=yes")
		}},
		{name: "consent_dialog_answer", pre: func(e *env, i int) { e.in(pool(i), "alex", "/jointwork consent") },
			do: func(e *env, i int) string { return e.in(pool(i), "alex", "yes") }},
		{name: "consent_withdraw", pre: func(e *env, i int) {
			e.in(pool(i), "alex", "/jointwork consent capacity=yes consent=yes direct=yes")
			e.in(pool(i), "alex", "/jointwork invite @chris wound care")
		}, do: func(e *env, i int) string { return e.in(pool(i), "alex", "/jointwork consent withdraw by phone") }},
		{name: "invite", pre: func(e *env, i int) { e.in(pool(i), "alex", "/jointwork remove @morgan") },
			do: func(e *env, i int) string { return e.in(pool(i), "alex", "/jointwork invite @morgan supervision") }},
		{name: "invite_refused", do: func(e *env, i int) string { return e.in("q1", "alex", "/jointwork invite @chris wound care") }},
		{name: "remove", pre: func(e *env, i int) { e.in(pool(i), "alex", "/jointwork invite @morgan supervision") },
			do: func(e *env, i int) string { return e.in(pool(i), "alex", "/jointwork remove @morgan") }},
		{name: "level_advice", do: func(e *env, i int) string { return e.in(pool(i), "bea", "/jointwork level high") }},
		{name: "level_set", do: func(e *env, i int) string {
			return e.in(pool(i), "bea", "/jointwork level "+[]string{"liaison", "coordination", "teamwork"}[i%3])
		}},
	}
}

func itemBench(next func() int) []benchCmd {
	return []benchCmd{
		{name: "task_add", do: func(e *env, i int) string { return e.in(pool(i), "alex", "/jointwork task add @bea +3d Home visit") }},
		{name: "task_done", pre: func(e *env, i int) { e.in(pool(i), "alex", "/jointwork task add @bea +3d Home visit") },
			do: func(e *env, i int) string { return e.dm("bea", "/jointwork task done "+lastID(e, pool(i), "T")) }},
		{name: "task_list", do: func(e *env, i int) string { return e.in(pool(i), "bea", "/jointwork task list") }},
		{name: "task_mine", do: func(e *env, i int) string { return e.dm("bea", "/jointwork task mine") }},
		{name: "request", do: func(e *env, i int) string { return e.in(pool(i), "alex", "/jointwork request @bea +3d Joint visit") }},
		{name: "request_accept", pre: func(e *env, i int) { e.in(pool(i), "alex", "/jointwork request @bea +3d Joint visit") },
			do: func(e *env, i int) string { return e.dm("bea", "/jointwork request accept "+lastID(e, pool(i), "R")) }},
		{name: "request_decline", pre: func(e *env, i int) { e.in(pool(i), "alex", "/jointwork request @bea +3d Joint visit") },
			do: func(e *env, i int) string {
				return e.dm("bea", "/jointwork request decline "+lastID(e, pool(i), "R")+" duties no nurse has capacity until January")
			}},
		{name: "request_decline_refused", pre: func(e *env, i int) {
			if i == 0 {
				e.in(pool(0), "alex", "/jointwork request @bea +3d Joint visit")
			}
		}, do: func(e *env, i int) string { return e.dm("bea", "/jointwork request decline "+lastID(e, pool(0), "R")) }},
		{name: "delay", do: func(e *env, i int) string {
			return e.in(pool(i), "alex", "/jointwork delay +5d await agreed: yes; urgent needs: met by carers")
		}},
		{name: "concern", pre: func(e *env, i int) {
			e.dm("bea", "/jointwork concern")
			e.dm("bea", "A practitioner shared notes in public")
		}, do: func(e *env, i int) string { return e.dm("bea", "/jointwork concern nhs-community-trust") }},
		{name: "record_md", do: func(e *env, i int) string { return e.in("r1", "alex", "/jointwork record md") }},
		{name: "record_json", do: func(e *env, i int) string { return e.in("r1", "alex", "/jointwork record json") }},
	}
}

// lastID is the newest task or request id of a case.
func lastID(e *env, ref, kind string) string {
	var ids []string
	if kind == "T" {
		tasks, _ := e.app.Store.Tasks(e.ctx, ref)
		for _, t := range tasks {
			ids = append(ids, t.ID)
		}
	} else {
		reqs, _ := e.app.Store.Requests(e.ctx, ref)
		for _, q := range reqs {
			ids = append(ids, q.ID)
		}
	}
	if len(ids) == 0 {
		e.tb.Fatalf("no %s items on %s", kind, ref)
	}
	return ids[len(ids)-1]
}

// recordCase builds a case with a record of a typical size (about 30
// entries, escalation entries included).
func recordCase(e *env, ref string) {
	e.permit(ref)
	e.in(ref, "alex", "/jointwork invite @chris wound care")
	for k := 0; k < 5; k++ {
		e.in(ref, "alex", "/jointwork task add @chris +3d Wound care review")
		e.in(ref, "alex", "/jointwork request @chris +3d Joint visit")
	}
	e.in(ref, "alex", "/jointwork delay +5d await agreed: yes; urgent needs: met by carers")
	e.in(ref, "alex", "/jointwork level coordination")
	e.in(ref, "alex", "/jointwork consent withdraw by phone")
}
