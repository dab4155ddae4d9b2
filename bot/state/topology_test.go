package state_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/internal/redistest"
)

func TestParseMode(t *testing.T) {
	for _, tc := range []struct {
		url, mode, want string
		bad             bool
	}{
		{url: "redis://h:6379/0", want: state.ModeSingle},
		{url: "rediss://u:p@h:6380/2?dial_timeout=3", want: state.ModeSingle},
		{url: "redis://s1:26379?master_name=m&addr=s2:26379", want: state.ModeSentinel},
		{url: "redis://s1:26379?master_name=m", want: state.ModeSentinel},
		{url: "redis://n1:6379?addr=n2:6379&addr=n3:6379", want: state.ModeCluster},
		{url: "redis://n1:6379", mode: "cluster", want: state.ModeCluster},
		{url: "redis://n1:6379?addr=n2:6379", mode: " Single ", want: state.ModeSingle},
		{url: "redis://n1:6379", mode: "sentinel", want: state.ModeSentinel},
		{url: "redis://n1:6379", mode: "replica", bad: true},
		{url: "redis://[::1", bad: true},
	} {
		got, err := state.ParseMode(tc.url, tc.mode)
		if tc.bad {
			if !errors.Is(err, state.ErrInvalid) {
				t.Errorf("ParseMode(%q, %q) = %q, %v; want ErrInvalid", tc.url, tc.mode, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseMode(%q, %q) = %q, %v; want %q", tc.url, tc.mode, got, err, tc.want)
		}
	}
}

func TestConnectModeRefusesBadURL(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ url, mode string }{
		{"redis://127.0.0.1:1?addr=bad", ""},              // cluster addr without a port
		{"redis://127.0.0.1:1", "sentinel"},               // sentinel without master_name
		{"redis://127.0.0.1:1?master_name=m&nope=1", ""},  // unknown option
		{"redis://127.0.0.1:1?addr=127.0.0.1:2&db=x", ""}, // unknown cluster option
	} {
		if c, err := state.ConnectMode(ctx, tc.url, tc.mode); err == nil {
			_ = c.Close()
			t.Errorf("ConnectMode(%q, %q) succeeded", tc.url, tc.mode)
		}
	}
}

// exercise runs the store operations the bot depends on against s: a case
// with its indexes, an Update with a task, and the scheduler's claim and
// complete, both alone and inside a case Update.
func exercise(t *testing.T, s *state.Store, ref string) {
	t.Helper()
	ctx := context.Background()
	c := &state.Case{Ref: ref, Lead: "alex", Channel: "C-" + ref, Members: map[string]state.Member{"sam": {Handle: "sam"}}}
	if err := s.CreateCase(ctx, c, state.Entry{Actor: "alex", Action: "case.open"}); err != nil {
		t.Fatalf("CreateCase %s: %v", ref, err)
	}
	now := s.Now()
	err := s.Update(ctx, ref, func(tx *state.Tx) error {
		tx.PutTask(&state.Task{ID: "T-" + ref, Owner: "sam", Text: "visit"})
		tx.Log(state.Entry{Actor: "alex", Action: "task.add", Item: "T-" + ref})
		tx.Schedule(state.Item{ID: "E-" + ref, Kind: "ping", Case: ref, Due: now})
		tx.Schedule(state.Item{ID: "F-" + ref, Kind: "ping", Case: ref, Due: now})
		return nil
	})
	if err != nil {
		t.Fatalf("Update %s: %v", ref, err)
	}
	claims, err := s.ClaimDue(ctx, now, time.Minute, 10)
	if err != nil || len(claims) != 2 {
		t.Fatalf("ClaimDue = %v, %v; want 2 claims", claimIDs(claims), err)
	}
	if ok, err := s.Complete(ctx, claims[0]); !ok || err != nil {
		t.Fatalf("Complete = %v, %v", ok, err)
	}
	err = s.Update(ctx, ref, func(tx *state.Tx) error {
		tx.Log(state.Entry{Actor: "bot", Action: "ping.sent", Item: claims[1].ID})
		return tx.Complete(claims[1])
	})
	if err != nil {
		t.Fatalf("Update with Complete: %v", err)
	}
	checkStored(t, s, ref)
}

// checkStored reads back what exercise wrote.
func checkStored(t *testing.T, s *state.Store, ref string) {
	t.Helper()
	ctx := context.Background()
	if got, err := s.CaseByChannel(ctx, "C-"+ref); err != nil || got.Version != 3 {
		t.Fatalf("CaseByChannel = %+v, %v; want version 3", got, err)
	}
	if cases, err := s.CasesOf(ctx, "sam"); err != nil || len(cases) == 0 {
		t.Fatalf("CasesOf(sam) = %d, %v", len(cases), err)
	}
	if tasks, _, err := s.OpenItemsOf(ctx, "sam"); err != nil || len(tasks) == 0 {
		t.Fatalf("OpenItemsOf(sam) = %d tasks, %v", len(tasks), err)
	}
	if tl, err := s.Timeline(ctx, ref); err != nil || len(tl) != 3 {
		t.Fatalf("Timeline = %d entries, %v; want 3", len(tl), err)
	}
	for _, id := range []string{"E-" + ref, "F-" + ref} {
		if _, err := s.Scheduled(ctx, id); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("%s still scheduled after completion: %v", id, err)
		}
	}
}

func TestClusterThreePrimaries(t *testing.T) {
	cl := redistest.StartCluster(t, 3)
	ctx := context.Background()
	rdb, err := state.Connect(ctx, cl.URL())
	if err != nil {
		t.Fatalf("Connect(cluster url): %v", err)
	}
	t.Cleanup(func() { _ = rdb.Close() })
	if _, ok := rdb.(*redis.ClusterClient); !ok {
		t.Fatalf("Connect gave %T, want a cluster client", rdb)
	}
	s := state.New(rdb, state.Options{Now: newClock().Now})
	if got := s.Key("x"); got != "{jw}:x" {
		t.Fatalf("Key on a cluster = %q, want the prefix as a hash tag", got)
	}
	for _, ref := range []string{"c101", "c202", "c303", "c404"} {
		exercise(t, s, ref)
	}
}

func TestSentinelFailover(t *testing.T) {
	sn := redistest.StartSentinel(t)
	ctx := context.Background()
	rdb, err := state.Connect(ctx, sn.URL())
	if err != nil {
		t.Fatalf("Connect(sentinel url): %v", err)
	}
	t.Cleanup(func() { _ = rdb.Close() })
	s := state.New(rdb, state.Options{Now: newClock().Now})
	exercise(t, s, "c101")
	// Both writes below must have reached the replica before it is promoted.
	if err := s.Schedule(ctx, state.Item{ID: "E9", Kind: "ping", Case: "c101", Due: s.Now()}); err != nil {
		t.Fatal(err)
	}
	held, err := s.ClaimDue(ctx, s.Now(), time.Hour, 1)
	if err != nil || len(held) != 1 {
		t.Fatalf("ClaimDue before failover = %v, %v", claimIDs(held), err)
	}
	if n, err := sn.Primary.Client().Wait(ctx, 1, 5000).Result(); err != nil || n != 1 {
		t.Fatalf("WAIT for the replica = %d, %v", n, err)
	}
	sn.Primary.Kill()
	newPrimary := sn.Failover()
	if newPrimary != sn.Replica.Addr {
		t.Fatalf("primary after failover %s, want the replica %s", newPrimary, sn.Replica.Addr)
	}
	// The client follows the failover: writes work again within a bound.
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := s.Update(ctx, "c101", func(tx *state.Tx) error {
			tx.Log(state.Entry{Actor: "bot", Action: "ping.sent", Item: "E9"})
			return tx.Complete(held[0])
		})
		if err == nil {
			break
		}
		if !errors.Is(err, state.ErrUnavailable) || time.Now().After(deadline) {
			t.Fatalf("Update after failover: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if c, err := s.Case(ctx, "c101"); err != nil || c.Version != 4 {
		t.Fatalf("case after failover = %+v, %v; want version 4", c, err)
	}
	exercise(t, s, "c202")
	if n, err := sn.Replica.Client().Exists(ctx, "jw:{case:c202}:case").Result(); err != nil || n != 1 {
		t.Fatalf("case written after failover not on the new primary: %d, %v", n, err)
	}
}
