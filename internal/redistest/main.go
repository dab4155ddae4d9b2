package redistest

import (
	"context"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

// Main is a TestMain for packages whose tests stop Redis on purpose: it
// silences go-redis' own dial-failure lines, then runs the tests and exits.
func Main(m *testing.M) {
	redis.SetLogger(quiet{})
	os.Exit(m.Run())
}
