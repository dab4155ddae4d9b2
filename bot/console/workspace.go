// Package console runs the whole bot in a terminal, with a simulated
// workspace: people from the directory, private channels, threads and DMs.
// Every line the bot shows starts with where it appears.
package console

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/directory"
	"github.com/jointwork/jointwork/bot/state"
)

// dmPrefix starts the channel id of a person's DM with the bot.
const dmPrefix = "dm:"

type channel struct {
	id, name, topic string
	archived        bool
	members         map[string]bool
}

// Workspace is the simulated chat platform; it implements bot.Platform.
type Workspace struct {
	mu       sync.Mutex
	out      io.Writer
	dir      *directory.Directory
	channels map[string]*channel
	byName   map[string]string
	seq      int
	sim      *state.Store      // keeps channels and numbers across runs (persist.go)
	cards    map[string]string // message ref → last summary shown
}

// NewWorkspace returns an empty workspace that prints to out.
func NewWorkspace(out io.Writer, dir *directory.Directory) *Workspace {
	return &Workspace{out: out, dir: dir, channels: map[string]*channel{}, byName: map[string]string{}, cards: map[string]string{}}
}

// Name implements bot.Platform.
func (w *Workspace) Name() string { return "console" }

// UserHandle implements bot.Platform: console user ids are handles.
func (w *Workspace) UserHandle(_ context.Context, id string) (string, error) {
	if _, ok := w.dir.Person(id); !ok {
		return "", bot.ErrUnknownUser
	}
	return id, nil
}

// Send implements bot.Platform by printing the message.
func (w *Workspace) Send(_ context.Context, m bot.Message) (bot.Ref, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	id := strconv.Itoa(w.nextSeq())
	t := m.To
	prefix, ch, err := w.prefix(t)
	if err != nil {
		return bot.Ref{}, err
	}
	for _, l := range bot.PlainLines(m) {
		fmt.Fprintf(w.out, "%s %s\n", prefix, l)
	}
	if t.Kind == bot.ToChannel && len(bot.PlainLines(m)) > 0 && !strings.HasPrefix(ch, dmPrefix) {
		fmt.Fprintf(w.out, "%s   (message %s)\n", prefix, id)
	}
	return bot.Ref{Channel: ch, ID: id}, nil
}

func (w *Workspace) prefix(t bot.Target) (string, string, error) {
	switch t.Kind {
	case bot.ToDM:
		return "[DM @" + t.User + "]", dmPrefix + t.User, nil
	case bot.Ephemeral:
		return "[only @" + t.User + "]", t.Channel, nil
	}
	if strings.HasPrefix(t.Channel, dmPrefix) {
		return "[DM @" + strings.TrimPrefix(t.Channel, dmPrefix) + "]", t.Channel, nil
	}
	c := w.channels[t.Channel]
	if c == nil {
		return "", "", fmt.Errorf("console: no channel %q", t.Channel)
	}
	if c.archived {
		return "", "", fmt.Errorf("console: #%s is archived", c.name)
	}
	if t.Kind == bot.ToThread {
		return "[#" + c.name + " thread:" + t.Thread + "]", c.id, nil
	}
	return "[#" + c.name + "]", c.id, nil
}

// Update implements bot.Platform: the console shows a one-line summary,
// only when the message changed.
func (w *Workspace) Update(_ context.Context, ref bot.Ref, m bot.Message) error {
	parts := []string{}
	for _, f := range m.Fields {
		parts = append(parts, f.Label+": "+f.Value)
	}
	summary := strings.Join(parts, " · ")
	key := ref.Channel + "/" + ref.ID
	w.mu.Lock()
	same := w.cards[key] == summary
	w.cards[key] = summary
	w.mu.Unlock()
	if same {
		return nil
	}
	return w.event(ref.Channel, "card updated · "+summary)
}

// Pin implements bot.Platform.
func (w *Workspace) Pin(_ context.Context, ref bot.Ref) error {
	return w.event(ref.Channel, "message "+ref.ID+" pinned")
}

// CreateChannel implements bot.Platform.
func (w *Workspace) CreateChannel(_ context.Context, name, topic string) (bot.ChannelInfo, error) {
	w.mu.Lock()
	if _, taken := w.byName[name]; taken {
		w.mu.Unlock()
		return bot.ChannelInfo{}, bot.ErrNameTaken
	}
	c := &channel{id: "C" + strconv.Itoa(w.nextSeq()), name: name, topic: topic, members: map[string]bool{}}
	w.channels[c.id], w.byName[name] = c, c.id
	w.save(c)
	w.mu.Unlock()
	return bot.ChannelInfo{ID: c.id, Name: name}, w.event(c.id, "private channel created · topic: "+topic)
}

// Invite implements bot.Platform.
func (w *Workspace) Invite(_ context.Context, ch string, handles ...string) error {
	for _, h := range handles {
		if err := w.member(ch, h, true); err != nil {
			return err
		}
	}
	return nil
}

// Remove implements bot.Platform.
func (w *Workspace) Remove(_ context.Context, ch, handle string) error {
	return w.member(ch, handle, false)
}

func (w *Workspace) member(ch, handle string, in bool) error {
	w.mu.Lock()
	c := w.channels[ch]
	if c == nil {
		w.mu.Unlock()
		return fmt.Errorf("console: no channel %q", ch)
	}
	was := c.members[handle]
	c.members[handle] = in
	w.save(c)
	w.mu.Unlock()
	switch {
	case in && !was:
		return w.event(ch, "@"+handle+" joined")
	case !in && was:
		return w.event(ch, "@"+handle+" was removed")
	}
	return nil
}

// Members implements bot.Platform: console user ids are handles.
func (w *Workspace) Members(_ context.Context, ch string) ([]bot.ChannelMember, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.channels[ch]
	if c == nil {
		return nil, fmt.Errorf("console: no channel %q", ch)
	}
	var out []bot.ChannelMember
	for h, in := range c.members {
		if in {
			out = append(out, bot.ChannelMember{UserID: h, Handle: h})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Handle < out[j].Handle })
	return out, nil
}

// Join adds a person to a channel as a channel member would (a Slack
// /invite, a Teams member adding someone), outside the bot's commands.
func (w *Workspace) Join(ch, handle string) error { return w.member(ch, handle, true) }

// FindChannel implements bot.ChannelFinder.
func (w *Workspace) FindChannel(_ context.Context, name string) (bot.ChannelInfo, bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	id, ok := w.byName[name]
	if !ok || w.channels[id].archived {
		return bot.ChannelInfo{}, false, nil
	}
	return bot.ChannelInfo{ID: id, Name: name}, true, nil
}

// Archive implements bot.Platform.
func (w *Workspace) Archive(_ context.Context, ch string) error {
	if err := w.event(ch, "channel archived"); err != nil {
		return err
	}
	w.mu.Lock()
	w.channels[ch].archived = true
	w.save(w.channels[ch])
	w.mu.Unlock()
	return nil
}

// Unarchive brings an archived channel back (a reopened case).
func (w *Workspace) Unarchive(_ context.Context, ch string) error {
	w.mu.Lock()
	c := w.channels[ch]
	if c != nil {
		c.archived = false
	}
	w.mu.Unlock()
	if c == nil {
		return fmt.Errorf("console: no channel %q", ch)
	}
	return w.event(ch, "channel unarchived")
}

func (w *Workspace) event(ch, text string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.channels[ch]
	if c == nil {
		return fmt.Errorf("console: no channel %q", ch)
	}
	fmt.Fprintf(w.out, "[#%s] -- %s\n", c.name, text)
	return nil
}

// lookup finds a channel by name (with or without #).
func (w *Workspace) lookup(name string) (*channel, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.channels[w.byName[strings.TrimPrefix(name, "#")]]
	return c, c != nil
}

// canSee reports whether a person is a member of a live channel.
func (w *Workspace) canSee(c *channel, handle string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return c.members[handle] && !c.archived
}

// names lists the channels a person is in.
func (w *Workspace) names(handle string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, c := range w.channels {
		if c.members[handle] && !c.archived {
			out = append(out, "#"+c.name)
		}
	}
	sort.Strings(out)
	return out
}
