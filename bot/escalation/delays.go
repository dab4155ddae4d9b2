package escalation

import (
	"errors"
	"fmt"

	"github.com/jointwork/jointwork/bot/calendar"
)

// delaySet is the parsed configuration.
type delaySet struct {
	after, request, task, allocation, snooze calendar.Delay
}

// defaults used when a setting is empty.
var defaultDelays = map[string]string{
	"ESCALATE_AFTER": "4h", "ESCALATE_REQUEST_MANAGER": "4h", "ESCALATE_TASK_MANAGER": "1wd",
	"ESCALATE_ALLOCATION_PENDING": "5wd", "SNOOZE": "1wd",
}

// Check parses every configured delay and reports the bad ones by name.
func (p *Policy) Check() error {
	_, err := p.parseDelays()
	return err
}

// delays returns the parsed delays; a bad setting falls back to its
// default (Check reports it at start-up).
func (p *Policy) delays() delaySet {
	d, _ := p.parseDelays()
	return d
}

func (p *Policy) parseDelays() (delaySet, error) {
	var d delaySet
	var errs []error
	for _, s := range []struct {
		name, val string
		dst       *calendar.Delay
	}{
		{"ESCALATE_AFTER", p.Config.EscalateAfter, &d.after},
		{"ESCALATE_REQUEST_MANAGER", p.Config.RequestManager, &d.request},
		{"ESCALATE_TASK_MANAGER", p.Config.TaskManager, &d.task},
		{"ESCALATE_ALLOCATION_PENDING", p.Config.AllocationPending, &d.allocation},
		{"SNOOZE", p.Config.Snooze, &d.snooze},
	} {
		v := s.val
		if v == "" {
			v = defaultDelays[s.name]
		}
		parsed, err := p.Calendar.ParseDelay(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("JOINTWORK_%s: %w", s.name, err))
			parsed, _ = p.Calendar.ParseDelay(defaultDelays[s.name])
		}
		*s.dst = parsed
	}
	return d, errors.Join(errs...)
}

// next is how long a ping at level may stay unacknowledged before the
// next level: the reason's own setting from the person themselves to their
// manager, ESCALATE_AFTER above that.
func (d delaySet) next(reason string, level int) calendar.Delay {
	if level == 0 {
		switch reason {
		case ReasonRequestOverdue:
			return d.request
		case ReasonTaskOverdue:
			return d.task
		}
	}
	return d.after
}
