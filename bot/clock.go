package bot

import (
	"sync"
	"time"
)

// Clock is the bot's time, which the console can move forward.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	fixed  time.Time
}

// NewClock returns a clock at real time, or starting at start when it is set.
func NewClock(start time.Time) *Clock { return &Clock{fixed: start, offset: 0} }

// Now is the current bot time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.fixed.IsZero() {
		return c.fixed.Add(c.offset)
	}
	return time.Now().Add(c.offset)
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}
