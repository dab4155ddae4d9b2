// Package waittest holds the tests' one way to wait for something that
// happens on another goroutine: poll a condition under a generous bound.
package waittest

import (
	"testing"
	"time"
)

// Bound is how long For polls before it fails the test.
const Bound = 20 * time.Second

// For polls cond every 5 ms and fails the test, naming what, unless cond
// holds within Bound.
func For(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(Bound)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, Bound)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
