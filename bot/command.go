package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jointwork/jointwork/bot/directory"
)

// Where says where a command may be used.
type Where int

// Places a command may be used.
const (
	Anywhere Where = iota
	InCase         // inside a case channel (the handler checks which case)
	InDM           // only in a direct message with the bot
)

// Handler does a command's work and returns the messages to send.
type Handler func(ctx context.Context, r *Request) ([]Message, error)

// Command is one command, declared as data so help is generated from it.
type Command struct {
	Name        string // one or two words: "ask", "case open"
	Usage       string // arguments after the name: "@owner DUE TEXT"
	Description string
	Examples    []string // full lines as typed: "/jointwork task add @bea +3d Home visit"
	Where       Where
	MinArgs     int
	MaxArgs     int // -1 = no limit
	Run         Handler
	Hidden      bool // not listed in help (button-only forms)
	// Slow marks commands that make several platform calls (create or
	// archive a channel, export a record): adapters that must acknowledge at
	// once may show a "working on it" notice meanwhile.
	Slow bool
	// Anonymous keeps the actor and the place out of the audit log (a
	// whistleblowing concern: who raised it is for the officer only).
	Anonymous bool
}

// Request is one command being handled.
type Request struct {
	Event    *Event
	Actor    directory.Person
	Command  *Command
	Args     []string // words after the command name
	rest     []string // the same words' raw tail text, for free text
	Platform Platform
}

// Tail returns the raw text from argument i on (spacing kept), or "".
func (r *Request) Tail(i int) string {
	if i < 0 || i >= len(r.rest) {
		return ""
	}
	return r.rest[i]
}

// Arg returns argument i or "".
func (r *Request) Arg(i int) string {
	if i < 0 || i >= len(r.Args) {
		return ""
	}
	return r.Args[i]
}

// Registry holds the commands, found by their one- or two-word names.
type Registry struct {
	byName map[string]*Command
	order  []*Command
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{byName: map[string]*Command{}} }

// Add registers commands; a name registered twice is a programming error.
func (g *Registry) Add(cmds ...*Command) {
	for _, c := range cmds {
		if _, dup := g.byName[c.Name]; dup {
			panic("bot: command registered twice: " + c.Name)
		}
		g.byName[c.Name] = c
		g.order = append(g.order, c)
	}
}

// Find returns the command for the leading words and how many words named it.
func (g *Registry) Find(words []string) (*Command, int) {
	if len(words) >= 2 {
		if c := g.byName[strings.ToLower(words[0]+" "+words[1])]; c != nil {
			return c, 2
		}
	}
	if len(words) >= 1 {
		if c := g.byName[strings.ToLower(words[0])]; c != nil {
			return c, 1
		}
	}
	return nil, 0
}

// Lookup returns a command by its full name.
func (g *Registry) Lookup(name string) (*Command, bool) {
	c, ok := g.byName[strings.ToLower(strings.TrimSpace(name))]
	return c, ok
}

// Family returns the visible commands whose name starts with word.
func (g *Registry) Family(word string) []*Command {
	var out []*Command
	for _, c := range g.Visible() {
		if c.Name == word || strings.HasPrefix(c.Name, word+" ") {
			out = append(out, c)
		}
	}
	return out
}

// Visible returns the commands help lists, sorted by name.
func (g *Registry) Visible() []*Command {
	var out []*Command
	for _, c := range g.order {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Synopsis is "/jointwork NAME USAGE".
func (c *Command) Synopsis() string {
	return strings.TrimSpace("/jointwork " + c.Name + " " + c.Usage)
}

// Help is the full help text of one command.
func (c *Command) Help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n  %s", c.Synopsis(), c.Description)
	switch c.Where {
	case InCase:
		b.WriteString(" (in the case channel)")
	case InDM:
		b.WriteString(" (in a direct message with the bot)")
	}
	for _, ex := range c.Examples {
		fmt.Fprintf(&b, "\n  e.g. %s", ex)
	}
	return b.String()
}

func (c *Command) checkArgs(n int) error {
	if n < c.MinArgs {
		return Refusef("`%s` needs more: %s. See `/jointwork help %s`.", c.Name, c.Synopsis(), c.Name)
	}
	if c.MaxArgs >= 0 && n > c.MaxArgs {
		return Refusef("`%s` takes fewer words: %s. See `/jointwork help %s`.", c.Name, c.Synopsis(), c.Name)
	}
	return nil
}

// splitArgs splits text into words and, for each word, the raw text from it on.
func splitArgs(text string) (words, rest []string) {
	i := 0
	for i < len(text) {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		if i >= len(text) {
			break
		}
		j := i
		for j < len(text) && !isSpace(text[j]) {
			j++
		}
		words = append(words, text[i:j])
		rest = append(rest, strings.TrimRightFunc(text[i:], func(r rune) bool { return r < 128 && isSpace(byte(r)) }))
		i = j
	}
	return words, rest
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
