package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jointwork/jointwork/bot/directory"
)

// MaxText is the longest message the bot accepts, in characters.
const MaxText = 4000

// Memory is what the kernel keeps in the store: done event ids and open
// dialogs. *state.Store implements it.
type Memory interface {
	// BeginEvent starts handling the event named by key: first is false
	// when it is already done (or being handled elsewhere). The returned
	// context carries the event, so the state change that commits it also
	// writes its done marker.
	BeginEvent(ctx context.Context, key string, ttl time.Duration) (context.Context, bool, error)
	// EndEvent ends the handling begun with ctx: ok marks it done (when no
	// commit did already); the replies (as encoded by the kernel) are kept
	// with the done marker until RepliesSent. After a failure that changed
	// nothing the event is free for a retry.
	EndEvent(ctx context.Context, ok bool, replies []byte) error
	// Unsent returns, after BeginEvent refused a done event, the replies of
	// its first run that were never confirmed sent, or lost when that run
	// died after its change but before keeping its replies.
	Unsent(ctx context.Context) (replies []byte, lost bool)
	// RepliesSent records that the kept replies went out and releases the
	// event.
	RepliesSent(ctx context.Context) error
	Dialogs
}

// Dialogs tells the kernel which dialog, if any, a person has open under a
// key (from DialogKey), so a plain answer goes to it.
type Dialogs interface {
	// DialogKind is the kind of the open dialog, "" when there is none.
	DialogKind(ctx context.Context, key string) (string, error)
}

// Options are the kernel's dependencies.
type Options struct {
	Registry  *Registry
	Directory *directory.Directory
	Memory    Memory
	Log       *slog.Logger
	DedupeTTL time.Duration // how long an event id is remembered (default 24h)
	Fallback  string        // the command plain questions go to (default "ask")
	// Middleware wraps every command inside Recover and Audit (metrics, traces).
	Middleware []Middleware
	// Outbox, when set, keeps replies a platform would not take, to send
	// them again later (package outbox); without it they are only logged.
	Outbox Outbox
	// Gate, when set, is the disclosure send gate: it wraps every platform
	// the kernel sends through and screens the replies Process returns.
	Gate Gate
	// AnswerWaiting, when set, reports whether a plain "yes" or "no" from
	// handle in a DM answers something the fallback command asked (an "I
	// think you mean" suggestion); without it such a word gets "No question
	// is waiting for an answer".
	AnswerWaiting func(ctx context.Context, handle string) bool
	// Reconciler, when set, is what Joined hands channel joins to (the
	// handlers); without it joins are ignored.
	Reconciler Reconciler
}

// Bot routes neutral events to command handlers and delivers their replies.
type Bot struct {
	opt     Options
	run     Handler
	release sync.WaitGroup // releases of done events in flight (journal.go)
}

// New returns a bot. Middleware wraps every handler: panic recovery and an
// audit log line per command (who, what, where, outcome; never the text).
func New(opt Options) *Bot {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.DedupeTTL == 0 {
		opt.DedupeTTL = 24 * time.Hour
	}
	if opt.Fallback == "" {
		opt.Fallback = "ask"
	}
	b := &Bot{opt: opt}
	b.run = Chain(dispatch, append([]Middleware{Recover(opt.Log), Audit(opt.Log)}, opt.Middleware...)...)
	return b
}

// Registry returns the bot's commands.
func (b *Bot) Registry() *Registry { return b.opt.Registry }

// Directory returns the people directory.
func (b *Bot) Directory() *directory.Directory { return b.opt.Directory }

// Slow reports whether command text (as typed after /jointwork) names a
// command marked Slow. It only parses: no store, no directory.
func (b *Bot) Slow(text string) bool {
	t, _ := stripPrefix(text)
	words, _ := splitArgs(t)
	c, _ := b.opt.Registry.Find(words)
	return c != nil && c.Slow
}

// DialogKey names the dialog a person has open in one place.
func DialogKey(platform, handle, channel string) string {
	return platform + ":" + handle + ":" + channel
}

// Handle processes one event end to end and sends the replies. It never
// returns an error: every failure becomes a clear reply to the user. The
// event is released (done, or free for a retry) only after its replies
// were handed to the platform or the outbox.
func (b *Bot) Handle(ctx context.Context, p Platform, ev *Event) {
	p = b.gate(p)
	b.process(ctx, p, ev, func(ctx context.Context, actor string, msgs []Message) { b.Deliver(ctx, p, ev, actor, msgs) })
}

// HandleReplies is Process and then Deliver in one: it sends the replies
// the send gate allows and returns them with the acting handle, for an
// adapter that acts on them afterwards (such as settling the message whose
// button was pressed). Unlike Process and then Deliver, the replies are
// marked sent only after they went out, and carry their ReplyMark.
// Each reply is vetted once: the one the gate allows goes out through the
// unwrapped platform, as the gated one would only ask the gate again (a
// store read per reply).
func (b *Bot) HandleReplies(ctx context.Context, p Platform, ev *Event) (actor string, msgs []Message) {
	b.process(ctx, b.gate(p), ev, func(ctx context.Context, a string, m []Message) {
		actor = a
		for i, r := range m {
			if b.allowed(ctx, ev, a, r) {
				msgs = append(msgs, r)
				b.deliverOne(ctx, p, ev, a, i, r) // vetted just above
			}
		}
	})
	return actor, msgs
}

// Process runs an event and returns the acting handle and the replies
// without sending them (an adapter may render them elsewhere, such as the
// Slack App Home tab). A panic becomes an error reply. The replies count as
// sent once it returns: an adapter that sends them should use
// HandleReplies, so a crash before they went out leaves them to a retry.
func (b *Bot) Process(ctx context.Context, p Platform, ev *Event) (actor string, msgs []Message) {
	p = b.gate(p)
	b.process(ctx, p, ev, func(_ context.Context, a string, m []Message) { actor, msgs = a, b.screen(ctx, ev, a, m) })
	return actor, msgs
}

// HandleWith runs an event and passes the acting handle and the replies to
// then, which sends them as the adapter must (such as part in an inline
// answer, part through Deliver). The replies are kept with the event's
// done marker and marked sent only after then returns, so a process that
// dies inside then leaves them to the next delivery of the same event.
func (b *Bot) HandleWith(ctx context.Context, p Platform, ev *Event, then func(actor string, msgs []Message)) {
	b.process(ctx, p, ev, func(_ context.Context, actor string, msgs []Message) { then(actor, msgs) })
}

// safeRun is runEvent with a panic turned into an error reply.
func (b *Bot) safeRun(ctx context.Context, p Platform, ev *Event) (actor string, msgs []Message, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			b.opt.Log.Error("panic handling event", "platform", ev.Platform, "event", ev.ID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			msgs, ok = b.failure(ev, actor, fmt.Errorf("panic: %v", v)), false
		}
	}()
	return b.runEvent(ctx, p, ev)
}

// runEvent runs an event; ok reports that it is done (handled, or nothing
// to do), so that a retry of it should not run again.
func (b *Bot) runEvent(ctx context.Context, p Platform, ev *Event) (string, []Message, bool) {
	person, err := b.actor(ctx, p, ev)
	if err != nil {
		return "", []Message{{To: Target{Kind: Ephemeral}, Kind: KindError, Text: userText(err)}}, false
	}
	if n := utf8.RuneCountInString(ev.Text); n > MaxText {
		return person.Handle, b.failure(ev, person.Handle, Refusef("Your message is %d characters long; the limit is %d. Please shorten it.", n, MaxText)), false
	}
	r, err := b.route(ctx, p, ev, person)
	if err != nil || r == nil {
		return person.Handle, b.failure(ev, person.Handle, err), err == nil
	}
	msgs, err := b.run(ctx, r)
	switch {
	case IsDone(err):
		b.opt.Log.Debug("duplicate event ignored", "platform", ev.Platform, "event", ev.ID)
		return person.Handle, nil, true
	case err != nil:
		return person.Handle, b.failure(ev, person.Handle, err), false
	}
	return person.Handle, msgs, true
}

func (b *Bot) actor(ctx context.Context, p Sender, ev *Event) (directory.Person, error) {
	handle, err := p.UserHandle(ctx, ev.UserID)
	if err == nil {
		if person, ok := b.opt.Directory.Person(handle); ok {
			return person, nil
		}
	}
	if err == nil || errors.Is(err, ErrUnknownUser) {
		if handle == "" {
			handle = ev.UserID
		}
		return directory.Person{}, Refusef("You are not in the jointwork directory yet, so I cannot act for you: ask your administrator to add you (handle %s). "+
			"Meanwhile: jointwork answers joint-work questions, keeps one private channel per case, and records consent, tasks, requests and escalations; "+
			"`/jointwork help` lists the commands.", handle)
	}
	return directory.Person{}, fmt.Errorf("look up user: %w", err)
}

// route turns the event into a request, or nil when the bot should stay quiet.
func (b *Bot) route(ctx context.Context, p Platform, ev *Event, person directory.Person) (*Request, error) {
	text, explicit := stripPrefix(ev.Text)
	explicit = explicit || ev.Command
	addressed := explicit || ev.Mention || ev.Place.Kind == DM
	words, rest := splitArgs(text)
	var cmd *Command
	n := 0
	if !explicit {
		// Plain text from someone with an open dialog answers the dialog,
		// even when it starts with a command word ("help came too late…").
		if d := b.dialog(ctx, ev, person.Handle); d != "" {
			cmd, _ = b.opt.Registry.Lookup(d)
		}
	}
	if cmd == nil {
		cmd, n = b.opt.Registry.Find(words)
		if cmd != nil && !explicit && strings.Contains(text, "?") {
			cmd = nil // a question that happens to start with a command word
		}
	}
	switch {
	case cmd != nil:
	case !addressed:
		return nil, nil // ordinary chat in a channel: not for the bot
	case len(words) == 0:
		cmd, _ = b.opt.Registry.Lookup("help")
	case explicit && len(b.opt.Registry.Family(strings.ToLower(words[0]))) > 0:
		return nil, b.familyHint(words)
	case !explicit && ev.Place.Kind == DM && strayAnswer(words) && !b.answerWaiting(ctx, person.Handle):
		return nil, Refusef("No question is waiting for an answer. Ask me something in your own words, or type `/jointwork help`.")
	case explicit && ev.Command:
		return nil, Refusef("I don't know the command `%s`. Type `/jointwork help` for the list, or `/jointwork ask` followed by your question.", words[0])
	default:
		cmd, _ = b.opt.Registry.Lookup(b.opt.Fallback)
		n = 0
	}
	if cmd == nil {
		return nil, Refusef("I can't do that here. Type `/jointwork help` for the list of commands.")
	}
	if cmd.Where == InDM && ev.Place.Kind != DM {
		return nil, Refusef("Please use `/jointwork %s` in a direct message with me: it is private and is never posted in a channel.", cmd.Name)
	}
	args, tails := words[n:], rest[n:]
	if err := cmd.checkArgs(len(args)); err != nil {
		return nil, err
	}
	return &Request{Event: ev, Actor: person, Command: cmd, Args: args, rest: tails, Platform: p}, nil
}

func (b *Bot) dialog(ctx context.Context, ev *Event, handle string) string {
	kind, err := b.opt.Memory.DialogKind(ctx, DialogKey(ev.Platform, handle, ev.Place.Channel))
	if err != nil {
		return ""
	}
	return kind
}

// stripPrefix removes a leading "/jointwork" or "jointwork" (any case).
func stripPrefix(text string) (string, bool) {
	t := strings.TrimSpace(text)
	for _, p := range []string{"/jointwork", "jointwork", "@jointwork"} {
		if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) && (len(t) == len(p) || isSpace(t[len(p)])) {
			return strings.TrimSpace(t[len(p):]), true
		}
	}
	return t, false
}

func dispatch(ctx context.Context, r *Request) ([]Message, error) { return r.Command.Run(ctx, r) }
