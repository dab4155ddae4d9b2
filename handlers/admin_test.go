package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/apptest"
)

// TestAdminExportAndPurge, on a real redis-server and on the embedded
// store: an admin exports a case (JSON and Markdown) and purges it once
// closed; both are on the audit stream; afterwards no key, member or value
// anywhere in Redis names the case, its channel or its items, except the
// tombstone.
func TestAdminExportAndPurge(t *testing.T) {
	for _, embedded := range []bool{false, true} {
		name := map[bool]string{false: "redis", true: "embedded"}[embedded]
		t.Run(name, func(t *testing.T) {
			b := apptest.New(t, apptest.Options{Embedded: embedded})
			e := &env{tb: t, ctx: context.Background(), app: b.App, ws: b.Workspace, rec: b.Recorder, plat: b.Recorder, out: b.Out, srv: b.Redis}
			e.permit("c101")
			e.in("c101", "alex", "/jointwork task add @bea +2d Home visit")
			e.in("c101", "alex", "/jointwork request @bea +3d Joint visit")
			channel := e.caseOf("c101").Channel
			ids := itemIDs(t, e, "c101")
			e.play(t, []step{
				{name: "not an admin", as: "alex", where: "dm", text: "/jointwork admin export-case c101", want: []string{"Only an admin"}, notWant: []string{"file case-"}},
				{name: "export", as: "pat", where: "dm", text: "/jointwork admin export-case c101",
					want: []string{"[only @pat] Case c101, JSON export", "file case-c101-record.json", "[only @pat] Case c101, MD export", "file case-c101-record.md"}},
				{name: "purge while open", as: "pat", where: "dm", text: "/jointwork admin purge-case c101 --reason ticket 4411", want: []string{"still open"}},
				{name: "purge without reason", as: "pat", where: "dm", text: "/jointwork admin purge-case c101 because it is old", want: []string{"Give a reason"}},
				{name: "purge by non-admin", as: "alex", where: "dm", text: "/jointwork admin purge-case c101 --reason ticket 4411", want: []string{"Only an admin"}},
			})
			e.in("c101", "alex", "/jointwork case close done")
			// a timed item left behind (closing unschedules the case's own)
			leftover := state.Item{ID: "leftover:c101", Kind: "esc.send", Case: "c101", Due: e.app.Clock.Now().Add(time.Hour)}
			if err := e.app.Store.Schedule(e.ctx, leftover); err != nil {
				t.Fatal(err)
			}
			out := e.dm("pat", "/jointwork admin purge-case c101 --reason ticket 4411")
			if !strings.Contains(out, "Case c101 was purged") {
				t.Fatalf("purge:\n%s", out)
			}
			audit, err := e.app.Store.AuditLog(e.ctx, 10)
			if err != nil || len(audit) != 2 || audit[0].Action != state.AuditExport || audit[1].Action != state.AuditPurge ||
				audit[1].Ref != "c101" || audit[1].By != "pat" || audit[1].Reason != "ticket 4411" || audit[1].Closed.IsZero() {
				t.Fatalf("audit stream = %+v, %v", audit, err)
			}
			// The purge's own reply is journaled until it is marked sent, off
			// the worker's path: wait for that before looking.
			e.app.Bot.Released()
			needles := append([]string{"c101", channel, "Home visit", "Joint visit"}, ids...)
			if left := mentions(t, e.app.Redis, e.app.Store.Key("audit"), needles); len(left) > 0 {
				t.Errorf("after the purge Redis still holds:\n%s", strings.Join(left, "\n"))
			}
			if out := e.dm("pat", "/jointwork admin export-case c101"); !strings.Contains(out, `There is no case "c101"`) {
				t.Errorf("export after purge:\n%s", out)
			}
		})
	}
}

// TestRetentionPurge: the daily purge, run by the scheduler, removes a case
// closed longer ago than JOINTWORK_RETENTION, keeps a recently closed one,
// and puts itself back on the schedule for the next night.
func TestRetentionPurge(t *testing.T) {
	e := newEnv(t)
	e.app.Config.CaseRetention, e.app.Config.ConcernRetention = "1y", "1y"
	concern := func(id string) state.Concern {
		return state.Concern{ID: id, RaisedBy: "bea", Org: "county-council", Text: "synthetic", SentTo: "pat", At: e.app.Clock.Now()}
	}
	if err := e.app.Store.SaveConcern(e.ctx, concern("W1")); err != nil {
		t.Fatal(err)
	}
	e.open("c101")
	e.open("c102")
	e.in("c101", "alex", "/jointwork case close done")
	e.app.Clock.Advance(183 * 24 * time.Hour)
	e.in("c102", "alex", "/jointwork case close done")
	if err := e.app.ScheduleRetention(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.app.Clock.Advance(214 * 24 * time.Hour)
	if err := e.app.Store.SaveConcern(e.ctx, concern("W2")); err != nil {
		t.Fatal(err)
	}
	e.app.RunDue(e.ctx)
	next, err := e.app.Store.Scheduled(e.ctx, "retention:daily")
	if err != nil || !next.Due.After(e.app.Clock.Now()) || next.Due.Sub(e.app.Clock.Now()) > 24*time.Hour || next.Attempt != 0 {
		t.Errorf("next purge = %+v, %v; want within the next day", next, err)
	}
	if _, err := e.app.Store.Case(e.ctx, "c101"); err == nil {
		t.Error("c101 (closed 13 months ago) is still there")
	}
	if _, err := e.app.Store.Case(e.ctx, "c102"); err != nil {
		t.Errorf("c102 (closed 7 months ago) is gone: %v", err)
	}
	if v, _ := e.app.Store.Value(e.ctx, "concern", "W1"); v != "" {
		t.Error("concern W1 (13 months old) is still there")
	}
	if v, _ := e.app.Store.Value(e.ctx, "concern", "W2"); v == "" {
		t.Error("concern W2 (new) is gone")
	}
	audit, _ := e.app.Store.AuditLog(e.ctx, 10)
	if len(audit) != 2 || audit[0].By != "retention" || audit[0].Reason != state.ReasonRetention || audit[0].Ref != "c101" ||
		audit[1].Action != state.AuditPurgeConcern || audit[1].Ref != "W1" {
		t.Errorf("audit = %+v", audit)
	}
}

// itemIDs are the task and request ids of a case.
func itemIDs(t *testing.T, e *env, ref string) []string {
	tasks, err := e.app.Store.Tasks(e.ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := e.app.Store.Requests(e.ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, x := range tasks {
		ids = append(ids, x.ID)
	}
	for _, x := range reqs {
		ids = append(ids, x.ID)
	}
	if len(ids) < 2 {
		t.Fatalf("want a task and a request, have %v", ids)
	}
	return ids
}

// mentions SCANs every key and reports each key (other than skip) whose
// name, members or value contain one of needles.
func mentions(t *testing.T, rdb redis.UniversalClient, skip string, needles []string) []string {
	ctx := context.Background()
	var left []string
	iter := rdb.Scan(ctx, 0, "*", 1000).Iterator()
	for iter.Next(ctx) {
		k := iter.Val()
		if k == skip {
			continue
		}
		text := k + " " + dump(ctx, rdb, k)
		for _, n := range needles {
			if n != "" && strings.Contains(text, n) {
				left = append(left, k+" mentions "+n)
				break
			}
		}
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	return left
}

func dump(ctx context.Context, rdb redis.UniversalClient, k string) string {
	switch rdb.Type(ctx, k).Val() {
	case "string":
		return rdb.Get(ctx, k).Val()
	case "hash":
		return strings.Join(flatten(rdb.HGetAll(ctx, k).Val()), " ")
	case "set":
		return strings.Join(rdb.SMembers(ctx, k).Val(), " ")
	case "zset":
		return strings.Join(rdb.ZRange(ctx, k, 0, -1).Val(), " ")
	case "list":
		return strings.Join(rdb.LRange(ctx, k, 0, -1).Val(), " ")
	case "stream":
		var b strings.Builder
		for _, m := range rdb.XRange(ctx, k, "-", "+").Val() {
			for f, v := range m.Values {
				b.WriteString(f + "=" + toString(v) + " ")
			}
		}
		return b.String()
	}
	return ""
}

func flatten(m map[string]string) []string {
	out := make([]string, 0, 2*len(m))
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}
