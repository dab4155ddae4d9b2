// Command jointwork is the one binary: the chat bot server, the console and
// the rulebook tools.
//
//	jointwork console [--as NAME] [--now TIME]   the whole bot in a terminal
//	jointwork serve [--embedded-store]           Slack and Teams over HTTP
//	jointwork ask|consent|rules …                the rulebook from the shell
//	jointwork admin export-case|purge-case …     retention and access, for admins
//	jointwork config                             the effective configuration
//	jointwork help                               every command
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/jointwork/jointwork/internal/app"
	_ "github.com/jointwork/jointwork/internal/platforms" // registers Slack and Teams
	_ "time/tzdata"                                       // due dates work in a slim container without zoneinfo
)

// usage is printed for `jointwork` with no or unknown arguments.
const usage = `usage: jointwork COMMAND [flags]

  console    run the whole bot in this terminal, nothing to configure
  serve      run the bot for Slack and Teams (needs JOINTWORK_REDIS_URL)
  ask        answer a joint-work question from the rulebook
  consent    decide whether joint work may go ahead on the consent facts
  rules      show, list or lint the rulebook; rules stats: 👍/👎 counts from Redis
  admin      export-case REF or purge-case REF --reason TEXT, as a directory admin (--as)
  config     print the effective configuration, secrets masked
  help       list the chat commands with examples
  version    print the version

Run 'jointwork COMMAND -h' for a command's flags.
`

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app.Version = version
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "console":
		return runConsole(ctx, args[1:], stdin, stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stderr)
	case "ask", "consent", "rules":
		return runRules(ctx, args, stdout, stderr)
	case "admin":
		return runAdmin(ctx, args[1:], stdout, stderr)
	case "config":
		return runConfig(stdout, stderr)
	case "help", "-h", "--help":
		return runHelp(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "jointwork", version)
		return 0
	default:
		fmt.Fprintf(stderr, "jointwork: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}
