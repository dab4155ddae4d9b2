package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ergochat/readline"
	"golang.org/x/term"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/calendar"
	"github.com/jointwork/jointwork/bot/state"
)

// Options configure a console session.
type Options struct {
	Bot   *bot.Bot
	Clock *bot.Clock
	Out   io.Writer
	As    string // the first acting user (default "alex")
	// OnClock runs the timed work that is due (the scheduler's Tick): after
	// every line, so pings that are due at once appear at once, and after
	// /clock moves time.
	OnClock func(ctx context.Context)
	// Banner is printed first (for example which store is in use).
	Banner string
	// Store, when set, keeps the simulated workspace and the event ids
	// across runs (see Workspace.Persist).
	Store *state.Store
}

// Console is one terminal session.
type Console struct {
	opt   Options
	ws    *Workspace
	as    string
	place bot.Place
	evseq int
	run   string // random id of this run, for event ids without a store
}

// New returns a console on a fresh simulated workspace.
func New(opt Options) *Console {
	if opt.As == "" {
		opt.As = "alex"
	}
	if opt.Out == nil {
		opt.Out = os.Stdout
	}
	c := &Console{opt: opt, ws: NewWorkspace(opt.Out, opt.Bot.Directory())}
	if opt.Store != nil {
		if err := c.ws.Persist(context.Background(), opt.Store); err != nil {
			fmt.Fprintf(opt.Out, "(the saved console workspace could not be loaded: %v)\n", err)
		}
	}
	c.as = opt.As
	c.place = bot.Place{Kind: bot.DM, Channel: dmPrefix + c.as}
	return c
}

// Workspace returns the simulated platform, for timed work that must send.
func (c *Console) Workspace() *Workspace { return c.ws }

// Run reads lines until /quit or end of input. A terminal gets line editing
// and history; a pipe is read line by line.
func (c *Console) Run(ctx context.Context, in io.Reader) error {
	c.say("jointwork console. %s", c.opt.Banner)
	c.say("You are @%s in a direct message with the bot. Try: /jointwork help · /as NAME · /in #channel|dm|thread:ID · /clock +1d · /who · /quit", c.as)
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return c.interactive(ctx)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if quit := c.Line(ctx, sc.Text()); quit {
			return nil
		}
	}
	return sc.Err()
}

func (c *Console) interactive(ctx context.Context) error {
	rl, err := readline.NewFromConfig(&readline.Config{Prompt: c.prompt(), HistoryFile: historyFile(), Stdout: c.opt.Out})
	if err != nil {
		return fmt.Errorf("console: %w", err)
	}
	defer rl.Close()
	for {
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			continue
		}
		if err != nil {
			return nil // io.EOF: ctrl-D
		}
		if c.Line(ctx, line) {
			return nil
		}
		rl.SetPrompt(c.prompt())
	}
}

func historyFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return dir + "/jointwork-console-history"
}

func (c *Console) prompt() string { return "@" + c.as + " " + c.where() + "> " }

func (c *Console) where() string {
	if c.place.Kind == bot.DM {
		return "DM"
	}
	name := c.place.Channel
	if ch := c.ws.channels[c.place.Channel]; ch != nil {
		name = ch.name
	}
	if c.place.Thread != "" {
		return "#" + name + " thread:" + c.place.Thread
	}
	return "#" + name
}

// Line handles one input line, then runs whatever timed work is due, and
// reports whether the session should end.
func (c *Console) Line(ctx context.Context, line string) bool {
	quit := c.line(ctx, line)
	if !quit && c.opt.OnClock != nil {
		c.opt.OnClock(ctx)
	}
	return quit
}

func (c *Console) line(ctx context.Context, line string) bool {
	line = strings.TrimRight(line, "\r\n")
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || strings.HasPrefix(trimmed, "#!") || strings.HasPrefix(trimmed, "# ") {
		return false // blank lines and comments in scripts
	}
	word := strings.ToLower(strings.Fields(trimmed)[0])
	rest := strings.TrimSpace(trimmed[len(word):])
	switch word {
	case "/quit", "/exit":
		return true
	case "/as":
		c.switchUser(rest)
	case "/in":
		c.move(rest)
	case "/clock":
		c.advance(rest)
	case "/who":
		c.who()
	case "/join":
		c.join(ctx, rest)
	case "/jointwork":
		c.send(ctx, trimmed, true, false)
	default:
		if strings.HasPrefix(word, "@jointwork") {
			c.send(ctx, strings.TrimSpace(trimmed[len("@jointwork"):]), false, true)
			return false
		}
		if strings.HasPrefix(word, "/") {
			c.say("Unknown console command %s. Console commands: /as NAME, /in #channel|dm|thread:ID, /clock +3d, /who, /join @NAME, /quit. Bot commands start with /jointwork.", word)
			return false
		}
		c.send(ctx, line, false, false)
	}
	return false
}

func (c *Console) send(ctx context.Context, text string, command, mention bool) {
	if c.place.Kind == bot.Channel {
		ch := c.ws.channels[c.place.Channel]
		if ch == nil || !c.ws.canSee(ch, c.as) {
			c.say("@%s cannot post in %s: not a member (or the channel is archived).", c.as, c.where())
			return
		}
	}
	ev := &bot.Event{
		ID: c.eventID(), Platform: "console", UserID: c.as,
		Place: c.place, Text: text, Command: command, Mention: mention, At: c.opt.Clock.Now(),
	}
	c.opt.Bot.Handle(ctx, c.ws, ev)
}

// join puts a person in the current channel as a channel member would,
// outside the bot (a Slack /invite), and tells the bot, as a platform's
// join event does.
func (c *Console) join(ctx context.Context, name string) {
	name = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(name)), "@")
	if c.place.Kind != bot.Channel || name == "" {
		c.say("Use /join @NAME inside a channel (/in #channel first).")
		return
	}
	if err := c.ws.Join(c.place.Channel, name); err != nil {
		c.say("Cannot join: %v", err)
		return
	}
	c.opt.Bot.Joined(ctx, c.ws, c.place.Channel, name)
}

func (c *Console) switchUser(name string) {
	name = strings.TrimPrefix(strings.ToLower(name), "@")
	if _, ok := c.opt.Bot.Directory().Person(name); !ok {
		c.say("No one called %q in the directory. /who lists people.", name)
		return
	}
	c.as = name
	if ch := c.ws.channels[c.place.Channel]; c.place.Kind == bot.DM || ch == nil || !c.ws.canSee(ch, name) {
		c.place = bot.Place{Kind: bot.DM, Channel: dmPrefix + name}
	}
	c.say("You are now @%s, in %s.", c.as, c.where())
}

func (c *Console) move(dest string) {
	dest = strings.TrimSpace(dest)
	switch {
	case dest == "" || strings.EqualFold(dest, "dm"):
		c.place = bot.Place{Kind: bot.DM, Channel: dmPrefix + c.as}
	case strings.HasPrefix(dest, "thread:"):
		if c.place.Kind != bot.Channel {
			c.say("Move to a channel first: /in #channel, then /in thread:ID.")
			return
		}
		c.place.Thread = strings.TrimPrefix(dest, "thread:")
	default:
		parts := strings.Fields(dest)
		ch, ok := c.ws.lookup(parts[0])
		if !ok {
			c.say("No channel %s. Channels you are in: %s", parts[0], strings.Join(c.ws.names(c.as), ", "))
			return
		}
		c.place = bot.Place{Kind: bot.Channel, Channel: ch.id}
		if len(parts) > 1 && strings.HasPrefix(parts[1], "thread:") {
			c.place.Thread = strings.TrimPrefix(parts[1], "thread:")
		}
	}
	c.say("You are @%s, in %s.", c.as, c.where())
}

func (c *Console) advance(step string) {
	d, err := calendar.ParseClockStep(step)
	if err != nil {
		c.say("%v", err)
		return
	}
	c.opt.Clock.Advance(d)
	c.say("Clock moved %s: now %s.", step, c.opt.Clock.Now().Format("Mon 2 Jan 2006 15:04"))
}

func (c *Console) who() {
	for _, p := range c.opt.Bot.Directory().People() {
		mgr := ""
		if p.Manager != "" {
			mgr = ", manager @" + p.Manager
		}
		c.say("@%s: %s, %s (%s%s)", p.Handle, p.Name, p.Role, p.Agency, mgr)
	}
}

// say prints a console line (not from the bot).
func (c *Console) say(format string, args ...any) {
	fmt.Fprintf(c.opt.Out, "-- "+format+"\n", args...)
}

// Now is a convenience for timestamps in tests.
func (c *Console) Now() time.Time { return c.opt.Clock.Now() }
