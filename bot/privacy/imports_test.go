package privacy

import (
	"testing"

	"github.com/jointwork/jointwork/internal/importcheck"
)

// TestStdlibOnly keeps the package free of dependencies: its non-test files
// import only the standard library (no state, handlers, adapters or Redis).
func TestStdlibOnly(t *testing.T) { importcheck.StdlibOnly(t, ".") }
