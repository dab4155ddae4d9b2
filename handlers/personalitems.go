package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/jointwork/jointwork/bot/disclosure"
	"github.com/jointwork/jointwork/bot/state"
)

// personalItems keeps the open tasks and requests a personal view (home,
// task mine) may show me: those of open cases whose current basis admits
// me for a personal view (a reader, or an admitted holder of an open
// request). hidden counts my own tasks left out on cases I am no longer
// admitted to, so the view can say so without naming them.
func (h *Handlers) personalItems(ctx context.Context, me string, tasks []state.Task, reqs []state.Request) ([]state.Task, []state.Request, int, error) {
	type standing struct{ admitted, open bool }
	seen := map[string]standing{}
	check := func(ref string) (standing, error) {
		if s, ok := seen[ref]; ok {
			return s, nil
		}
		admitted, open, err := h.admitsPersonal(ctx, ref, me)
		seen[ref] = standing{admitted, open}
		return seen[ref], err
	}
	var keptT []state.Task
	hidden := 0
	for _, t := range tasks {
		s, err := check(t.Case)
		if err != nil {
			return nil, nil, 0, err
		}
		switch {
		case s.admitted:
			keptT = append(keptT, t)
		case s.open:
			hidden++
		}
	}
	var keptR []state.Request
	for _, q := range reqs {
		s, err := check(q.Case)
		if err != nil {
			return nil, nil, 0, err
		}
		if s.admitted {
			keptR = append(keptR, q)
		}
	}
	return keptT, keptR, hidden, nil
}

// admitsPersonal asks the disclosure policy whether case ref may show up
// in my personal view now (never once it is closed or gone), and says
// whether the case is open.
func (h *Handlers) admitsPersonal(ctx context.Context, ref, me string) (admitted, open bool, err error) {
	c, err := h.Store.Case(ctx, ref)
	if errors.Is(err, state.ErrNotFound) {
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("case %s: %w", ref, err)
	}
	v, err := h.caseView(ctx, c)
	if err != nil {
		return false, false, err
	}
	d := disclosure.Check(v, h.personView(me, ""), disclosure.Purpose{Kind: disclosure.Personal})
	return d.Allowed, !v.Closed, nil
}
