package apptest

import (
	"bytes"
	"context"
	"errors"
	"sync"

	"github.com/jointwork/jointwork/bot"
)

// Sent is one outbound message the Recorder saw.
type Sent struct {
	Platform string
	// Update is true for a replaced message (the case card).
	Update  bool
	Message bot.Message
}

// Recorder is a bot.Platform that records every outbound message (Send and
// Update) before passing it to the platform it wraps.
type Recorder struct {
	bot.Platform

	// Check, when set, sees every outbound message before it is sent, so a
	// test (or a later disclosure policy) can vet each one.
	Check func(Sent)

	mu   sync.Mutex
	sent []Sent
}

// NewRecorder wraps p.
func NewRecorder(p bot.Platform) *Recorder { return &Recorder{Platform: p} }

// Send records m and sends it through the wrapped platform.
func (r *Recorder) Send(ctx context.Context, m bot.Message) (bot.Ref, error) {
	r.record(Sent{Platform: r.Name(), Message: m})
	return r.Platform.Send(ctx, m)
}

// Update records m and updates it through the wrapped platform.
func (r *Recorder) Update(ctx context.Context, ref bot.Ref, m bot.Message) error {
	r.record(Sent{Platform: r.Name(), Update: true, Message: m})
	return r.Platform.Update(ctx, ref, m)
}

// Unarchive forwards to the wrapped platform when it can unarchive.
func (r *Recorder) Unarchive(ctx context.Context, channel string) error {
	if u, ok := r.Platform.(interface {
		Unarchive(context.Context, string) error
	}); ok {
		return u.Unarchive(ctx, channel)
	}
	return errors.ErrUnsupported
}

func (r *Recorder) record(s Sent) {
	r.mu.Lock()
	check := r.Check
	r.sent = append(r.sent, s)
	r.mu.Unlock()
	if check != nil {
		check(s)
	}
}

// Sent returns a copy of what was sent so far.
func (r *Recorder) Sent() []Sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Sent(nil), r.sent...)
}

// Messages returns the messages passed to Send (not Update), in order.
func (r *Recorder) Messages() []bot.Message {
	var out []bot.Message
	for _, s := range r.Sent() {
		if !s.Update {
			out = append(out, s.Message)
		}
	}
	return out
}

// Reset forgets what was recorded.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = nil
}

// Buffer is a bytes.Buffer safe for the scheduler, adapters and the test
// at once (logs, console output).
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Reset empties the buffer.
func (s *Buffer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Reset()
}

// FindChannel passes bot.ChannelFinder through to the wrapped platform
// (none found when it cannot look names up).
func (r *Recorder) FindChannel(ctx context.Context, name string) (bot.ChannelInfo, bool, error) {
	if f, ok := r.Platform.(bot.ChannelFinder); ok {
		return f.FindChannel(ctx, name)
	}
	return bot.ChannelInfo{}, false, nil
}
