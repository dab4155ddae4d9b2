package state_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// addTask adds a task owned by owner to ref in one Update and returns its id.
func addTask(t *testing.T, s *state.Store, ref, owner string, due time.Time) string {
	t.Helper()
	ctx := context.Background()
	var id string
	err := s.Update(ctx, ref, func(tx *state.Tx) error {
		var err error
		if id, err = tx.NewID("T"); err != nil {
			return err
		}
		tx.PutTask(&state.Task{ID: id, Owner: owner, Text: "send the OT report", Due: due, CreatedBy: "alex"})
		tx.Log(state.Entry{Actor: "alex", Action: "task.add", Item: id})
		return nil
	})
	if err != nil {
		t.Fatalf("add task: %v", err)
	}
	return id
}

func TestUpdateTasksRequestsAndIndexes(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		day := 24 * time.Hour
		t1 := addTask(t, s, "c101", "chris", clk.Now().Add(2*day))
		t2 := addTask(t, s, "c101", "chris", clk.Now().Add(1*day))
		err := s.Update(ctx, "c101", func(tx *state.Tx) error {
			tx.PutRequest(&state.Request{ID: "R1", From: "alex", To: "chris", Text: "joint visit", Due: clk.Now()})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		tasks, reqs, err := s.OpenItemsOf(ctx, "chris")
		if err != nil || len(tasks) != 2 || tasks[0].ID != t2 || len(reqs) != 1 || reqs[0].Status != state.RequestPending {
			t.Fatalf("OpenItemsOf(chris) = %+v %+v %v", tasks, reqs, err)
		}
		if _, reqs, _ := s.OpenItemsOf(ctx, "alex"); len(reqs) != 1 {
			t.Fatalf("requester does not see the pending request: %+v", reqs)
		}
		// Finish t1, hand t2 to bea, decline R1: indexes follow.
		err = s.Update(ctx, "c101", func(tx *state.Tx) error {
			a, err := tx.Task(t1)
			if err != nil {
				return err
			}
			a.Status, a.DoneAt = state.TaskDone, tx.Now()
			tx.PutTask(a)
			b, _ := tx.Task(t2)
			b.Owner = "bea"
			tx.PutTask(b)
			r, err := tx.Request("R1")
			if err != nil {
				return err
			}
			r.Status, r.Reasons, r.AnsweredBy = state.RequestDeclined, "no capacity this month", "chris"
			tx.PutRequest(r)
			if got, _ := tx.Task(t1); got.Status != state.TaskDone {
				return fmt.Errorf("staged task not read back: %+v", got)
			}
			all, err := tx.Tasks()
			if err != nil || len(all) != 2 || all[1].Owner != "bea" {
				return fmt.Errorf("tx.Tasks = %+v, %v", all, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for h, want := range map[string]int{"chris": 0, "bea": 1, "alex": 0} {
			tasks, reqs, err := s.OpenItemsOf(ctx, h)
			if err != nil || len(tasks)+len(reqs) != want {
				t.Errorf("OpenItemsOf(%s) = %+v %+v %v; want %d items", h, tasks, reqs, err, want)
			}
		}
		all, err := s.Tasks(ctx, "c101")
		if err != nil || len(all) != 2 || all[0].Status != state.TaskDone || all[0].Case != "c101" {
			t.Fatalf("Tasks = %+v, %v", all, err)
		}
		rs, err := s.Requests(ctx, "c101")
		if err != nil || len(rs) != 1 || rs[0].Reasons == "" {
			t.Fatalf("Requests = %+v, %v", rs, err)
		}
		for _, id := range []string{t1, t2, "R1"} {
			if ok, err := s.HasItem(ctx, "c101", id); err != nil || !ok {
				t.Errorf("HasItem(c101, %s) = %v, %v", id, ok, err)
			}
		}
		c, _ := s.Case(ctx, "c101")
		if c.Version != 5 {
			t.Errorf("version = %d, want 5 (create + 4 updates)", c.Version)
		}
	})
}

func TestUpdateErrorWritesNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		boom := errors.New("refused: decline needs reasons")
		err := s.Update(ctx, "c101", func(tx *state.Tx) error {
			tx.Case.Level = "teamwork"
			tx.Case.Members = map[string]state.Member{"chris": {Handle: "chris"}}
			tx.SetChannel("C-other", "jw-other")
			tx.PutTask(&state.Task{ID: "T9", Owner: "chris", Text: "x"})
			tx.Log(state.Entry{Action: "level.set"})
			tx.Schedule(state.Item{ID: "E1", Kind: "ping", Due: tx.Now()})
			return boom
		})
		if err != boom {
			t.Fatalf("Update returned %v, want the fn error unchanged", err)
		}
		c, _ := s.Case(ctx, "c101")
		tl, _ := s.Timeline(ctx, "c101")
		tasks, _ := s.Tasks(ctx, "c101")
		_, schedErr := s.Scheduled(ctx, "E1")
		cs, _ := s.CasesOf(ctx, "chris")
		_, chErr := s.CaseByChannel(ctx, "C-other")
		if c.Version != 1 || c.Level != "" || len(tl) != 1 || len(tasks) != 0 ||
			!errors.Is(schedErr, state.ErrNotFound) || len(cs) != 0 || !errors.Is(chErr, state.ErrNotFound) {
			t.Fatalf("failed Update wrote something: case %+v, timeline %d, tasks %d, sched %v, cases %d, channel %v",
				c, len(tl), len(tasks), schedErr, len(cs), chErr)
		}
	})
}

func TestConcurrentUpdatesAllLand(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, _ *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		const n = 12
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- s.Update(ctx, "c101", func(tx *state.Tx) error {
					tx.Case.Delays = append(tx.Case.Delays, state.Delay{Decision: "await", By: fmt.Sprint("p", i)})
					tx.PutTask(&state.Task{ID: fmt.Sprint("T", 100+i), Owner: "bea", Text: "x"})
					tx.Log(state.Entry{Action: "delay.record"})
					return nil
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("concurrent update: %v", err)
			}
		}
		c, _ := s.Case(ctx, "c101")
		tasks, _ := s.Tasks(ctx, "c101")
		tl, _ := s.Timeline(ctx, "c101")
		if len(c.Delays) != n || c.Version != n+1 || len(tasks) != n || len(tl) != n+1 {
			t.Fatalf("lost writes: delays %d, version %d, tasks %d, timeline %d", len(c.Delays), c.Version, len(tasks), len(tl))
		}
	})
}

func TestTimelineLog(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *state.Store, clk *clock) {
		ctx := context.Background()
		openCase(t, s, "c101")
		clk.Add(time.Hour)
		e := state.Entry{Actor: "alex", Action: "consent.record", Item: "", Detail: "permitted", Basis: "consent.given"}
		if err := s.Log(ctx, "c101", e); err != nil {
			t.Fatal(err)
		}
		tl, err := s.Timeline(ctx, "c101")
		if err != nil || len(tl) != 2 {
			t.Fatalf("Timeline = %+v, %v", tl, err)
		}
		got := tl[1]
		if got.ID == "" || !got.At.Equal(clk.Now()) || got.Detail != "permitted" || got.Basis != "consent.given" || got.Actor != "alex" {
			t.Fatalf("entry = %+v", got)
		}
	})
}
