package state_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// Ids are per case: each case's first task is T1, and a refused Update
// takes no number.
func TestPerCaseIDs(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		openCase(t, s, "c12")
		due := clk.Now().Add(24 * time.Hour)
		for _, tc := range []struct{ ref, want string }{
			{"c101", "T1"}, {"c12", "T1"}, {"c101", "T2"}, {"c12", "T2"},
		} {
			if got := addTask(t, s, tc.ref, "chris", due); got != tc.want {
				t.Errorf("task on %s = %s, want %s", tc.ref, got, tc.want)
			}
		}
		refused := errors.New("refused")
		err := s.Update(ctx, "c101", func(tx *state.Tx) error {
			if _, err := tx.NewID("T"); err != nil {
				return err
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatalf("refused update: %v", err)
		}
		var two [2]string
		err = s.Update(ctx, "c101", func(tx *state.Tx) error {
			for i := range two {
				id, err := tx.NewID("R")
				if err != nil {
					return err
				}
				two[i] = id
				tx.PutRequest(&state.Request{ID: id, From: "alex", To: "chris", Due: due})
			}
			return nil
		})
		if err != nil || two != [2]string{"R1", "R2"} {
			t.Fatalf("two requests in one update = %v, %v", two, err)
		}
		if got := addTask(t, s, "c101", "chris", due); got != "T3" {
			t.Errorf("after a refused update the next task is %s, want T3", got)
		}
		tasks, reqs, err := s.OpenItemsOf(ctx, "chris")
		if err != nil || len(tasks) != 5 || len(reqs) != 2 {
			t.Fatalf("OpenItemsOf(chris) = %d tasks, %d requests, %v", len(tasks), len(reqs), err)
		}
		if err := s.Update(ctx, "c101", func(tx *state.Tx) error { _, err := tx.NewID("E"); return err }); !errors.Is(err, state.ErrInvalid) {
			t.Error("NewID(E) inside a case should be refused: escalation ids stay global")
		}
	})
}

// Data stored with global ids still loads: the old ids stay valid in their
// case, new ids continue after the highest, and a bare id in a person's
// open-item set is resolved through the old item index.
func TestPerCaseIDsMigrateGlobalIDs(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		rdb := state.ClientOf(s)
		openCase(t, s, "c12")
		due := clk.Now().Add(24 * time.Hour)
		err := s.Update(ctx, "c12", func(tx *state.Tx) error {
			tx.PutTask(&state.Task{ID: "T7", Owner: "chris", Due: due})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// What the old code wrote besides: a bare id and the global index.
		users := s.Key("idx", "user", "chris", "items")
		rdb.Del(ctx, users)
		rdb.SAdd(ctx, users, "T7")
		rdb.Set(ctx, s.Key("idx", "item", "T7"), "c12", 0)
		rdb.Del(ctx, s.Key("{case:c12}", "seq", "T"))
		if tasks, _, err := s.OpenItemsOf(ctx, "chris"); err != nil || len(tasks) != 1 || tasks[0].ID != "T7" {
			t.Fatalf("legacy open item = %+v, %v", tasks, err)
		}
		if got := addTask(t, s, "c12", "chris", due); got != "T8" {
			t.Errorf("first new id after legacy T7 = %s, want T8", got)
		}
		err = s.Update(ctx, "c12", func(tx *state.Tx) error {
			tk, err := tx.Task("T7")
			if err != nil {
				return err
			}
			tk.Status = state.TaskDone
			tx.PutTask(tk)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := rdb.SCard(ctx, users).Result(); n != 1 {
			t.Errorf("open-item set has %d members after the legacy task was done, want 1 (T8)", n)
		}
	})
}
