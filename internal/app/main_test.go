package app_test

import (
	"testing"

	"github.com/jointwork/jointwork/internal/redistest"
)

// TestMain silences go-redis' dial-failure lines, which the tests provoke
// on purpose by starting with Redis down.
func TestMain(m *testing.M) { redistest.Main(m) }
