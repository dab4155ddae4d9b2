package rules

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// EnvRules names the environment variable with the local rulebook path.
const EnvRules = "JOINTWORK_RULES"

// Exit codes of RunCLI.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

const cliUsage = `usage:
  jointwork ask [--json] [--top N] QUESTION…
  jointwork consent [--json] [--subject person|carer|child] [--direct yes|no] [--capacity yes|no|unknown]
                    [--consent yes|no|unknown] [--attorney none|consents|refuses] [--best-interest yes|no]
                    [--safeguarding yes|no] [--same-agency yes|no] [--arranging-service yes|no]
                    child only: [--age under-16|16-17] [--competent yes|no|unknown]
                    [--parental-consent yes|no|unknown] [--child-protection yes|no]
  jointwork rules show [--json] ID | rules list [--json] | rules lint [PATH] | rules stats [--json]
` + Disclaimer + "\n"

// RunCLI runs `jointwork ask|consent|rules …`; args[0] is the subcommand.
// Local rules come from $JOINTWORK_RULES. It returns the exit code: 0 on
// success, 1 when the work fails (a rulebook that does not load, lint
// problems), 2 on bad usage.
func RunCLI(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(stderr, "jointwork: %v\n", err)
		return exitFail
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, cliUsage)
		return exitUsage
	}
	c := &cli{stdout: stdout, stderr: stderr, rulesPath: os.Getenv(EnvRules)}
	switch args[0] {
	case "ask":
		return c.ask(args[1:])
	case "consent":
		return c.consent(args[1:])
	case "rules":
		return c.rules(args[1:])
	}
	fmt.Fprintf(stderr, "jointwork: unknown command %q: use ask, consent or rules\n%s", args[0], cliUsage)
	return exitUsage
}

// cli carries the writers and settings of one RunCLI call.
type cli struct {
	stdout, stderr io.Writer
	rulesPath      string
	usage          string // usage line of the subcommand being run
}

// book loads the rulebook the bot would use.
func (c *cli) book() (*Book, int) {
	b, err := Load(c.rulesPath)
	if err != nil {
		fmt.Fprintf(c.stderr, "jointwork: cannot load the rulebook: %v\n", err)
		return nil, exitFail
	}
	return b, exitOK
}

// newFlags makes a FlagSet for one subcommand with its usage text.
func (c *cli) newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("jointwork "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // c.parse prints errors itself, with --flag spelling
	fs.Usage = func() {}
	c.usage = "usage: jointwork " + usage + "\n"
	return fs
}

// printUsage prints the current subcommand's usage to stderr.
func (c *cli) printUsage() { fmt.Fprint(c.stderr, c.usage) }

var singleDash = regexp.MustCompile(`(^|\s)-([a-z])`)

// parse parses flags anywhere among the arguments (flags may follow words);
// everything after "--" is positional. It returns the positional words and
// an exit code (-1 to carry on).
func (c *cli) parse(fs *flag.FlagSet, args []string) ([]string, int) {
	pos, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(c.stdout, c.usage)
		return nil, exitOK
	case err != nil:
		msg := singleDash.ReplaceAllString(err.Error(), "$1--$2")
		fmt.Fprintf(c.stderr, "%s: %s\n", fs.Name(), msg)
		c.printUsage()
		return nil, exitUsage
	}
	return pos, -1
}

// parseArgs is parse without the printing.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for i, a := range args {
		if a == "--" {
			args, rest = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// enumFlag is a flag that takes one of a fixed set of values; key, when
// set, names the consent fact whose aliases it also accepts.
type enumFlag struct {
	val     *string
	allowed []string
	key     string
}

func (e enumFlag) String() string {
	if e.val == nil {
		return ""
	}
	return *e.val
}

func (e enumFlag) Set(s string) error {
	v := strings.ToLower(strings.TrimSpace(s))
	if e.key != "" {
		v, _ = canonValue(e.key, v)
	}
	if !contains(e.allowed, v) {
		return fmt.Errorf("allowed values are %s", strings.Join(e.allowed, "|"))
	}
	*e.val = v
	return nil
}

// rangeFlag is an integer flag limited to [lo, hi].
type rangeFlag struct {
	val    *int
	lo, hi int
}

func (r rangeFlag) String() string {
	if r.val == nil {
		return ""
	}
	return strconv.Itoa(*r.val)
}

func (r rangeFlag) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < r.lo || n > r.hi {
		return fmt.Errorf("allowed values are whole numbers from %d to %d", r.lo, r.hi)
	}
	*r.val = n
	return nil
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return exitFail
	}
	return exitOK
}
