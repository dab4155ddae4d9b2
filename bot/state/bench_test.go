package state_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

// benchStores runs f against a real redis-server twice: with the helper's
// appendfsync always (every write waits for the disk) and with everysec
// (the usual production setting).
func benchStores(b *testing.B, f func(b *testing.B, s *state.Store)) {
	srv := redistest.Start(b)
	rdb := srv.Client()
	for _, fsync := range []string{"always", "everysec"} {
		b.Run("fsync="+fsync, func(b *testing.B) {
			ctx := context.Background()
			if err := rdb.ConfigSet(ctx, "appendfsync", fsync).Err(); err != nil {
				b.Fatal(err)
			}
			s := state.New(rdb, state.Options{Prefix: fmt.Sprintf("b%d", prefixes.Add(1))})
			b.ReportAllocs()
			b.ResetTimer()
			f(b, s)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
		})
	}
}

func BenchmarkCreateCase(b *testing.B) {
	benchStores(b, func(b *testing.B, s *state.Store) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			ref := "c" + strconv.Itoa(i)
			c := &state.Case{Ref: ref, Subject: "person", Lead: "alex", Channel: "C" + ref, ChannelName: "jw-" + ref}
			if err := s.CreateCase(ctx, c, state.Entry{Actor: "alex", Action: "case.open"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkUpdateTaskAdd(b *testing.B) {
	benchStores(b, func(b *testing.B, s *state.Store) {
		ctx := context.Background()
		b.StopTimer()
		_ = s.CreateCase(ctx, &state.Case{Ref: "c101", Lead: "alex"}, state.Entry{Action: "case.open"})
		b.StartTimer()
		due := time.Now().Add(48 * time.Hour)
		for i := 0; i < b.N; i++ {
			id := "T" + strconv.Itoa(i)
			err := s.Update(ctx, "c101", func(tx *state.Tx) error {
				tx.PutTask(&state.Task{ID: id, Owner: "chris", Text: "send the OT report", Due: due, CreatedBy: "alex"})
				tx.Log(state.Entry{Actor: "alex", Action: "task.add", Item: id})
				tx.Schedule(state.Item{ID: id + ".due", Kind: "task.due", Case: "c101", Due: due})
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkTimeline50(b *testing.B) {
	benchStores(b, func(b *testing.B, s *state.Store) {
		ctx := context.Background()
		b.StopTimer()
		_ = s.CreateCase(ctx, &state.Case{Ref: "c101", Lead: "alex"}, state.Entry{Action: "case.open"})
		for i := 0; i < 49; i++ {
			_ = s.Log(ctx, "c101", state.Entry{Actor: "alex", Action: "task.add", Item: "T" + strconv.Itoa(i), Detail: "due 2026-12-01"})
		}
		b.StartTimer()
		for i := 0; i < b.N; i++ {
			tl, err := s.Timeline(ctx, "c101")
			if err != nil || len(tl) != 50 {
				b.Fatalf("timeline %d, %v", len(tl), err)
			}
		}
	})
}

func BenchmarkFirstSeen(b *testing.B) {
	benchStores(b, func(b *testing.B, s *state.Store) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			if ok, err := s.FirstSeen(ctx, "event:slack:Ev"+strconv.Itoa(i), time.Hour); !ok || err != nil {
				b.Fatal(ok, err)
			}
		}
	})
}

func BenchmarkClaimDueComplete(b *testing.B) {
	benchStores(b, func(b *testing.B, s *state.Store) {
		ctx := context.Background()
		now := time.Now()
		b.StopTimer()
		for lo := 0; lo < b.N; lo += 1000 {
			var items []state.Item
			for i := lo; i < min(lo+1000, b.N); i++ {
				items = append(items, state.Item{ID: "E" + strconv.Itoa(i), Kind: "ping", Case: "c101", Due: now})
			}
			if err := s.ScheduleMany(ctx, items); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		for i := 0; i < b.N; i++ {
			cs, err := s.ClaimDue(ctx, now, time.Minute, 1)
			if err != nil || len(cs) != 1 {
				b.Fatalf("claim: %d, %v", len(cs), err)
			}
			if ok, err := s.Complete(ctx, cs[0]); !ok || err != nil {
				b.Fatal(ok, err)
			}
		}
	})
}
