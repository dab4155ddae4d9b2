package state_test

import (
	"testing"

	"github.com/jointwork/jointwork/internal/redistest"
)

// TestMain silences go-redis' own dial-failure lines, which the outage
// tests provoke on purpose.
func TestMain(m *testing.M) { redistest.Main(m) }
