package apptest_test

import (
	"context"
	"testing"
	"time"

	"github.com/jointwork/jointwork/internal/apptest"
)

func TestAdvanceDays(t *testing.T) {
	b := apptest.New(t, apptest.Options{Embedded: true})
	for _, tc := range []struct {
		arg     string
		days    int // total days since Monday after this step
		wantErr bool
	}{
		{"+1d", 1, false},
		{"+2d", 3, false},
		{"3d", 6, false},
		{"+4h", 6, true},
		{"soon", 6, true},
	} {
		err := apptest.AdvanceDays(context.Background(), b.App, tc.arg)
		if (err != nil) != tc.wantErr {
			t.Fatalf("AdvanceDays(%q) error %v, want error %v", tc.arg, err, tc.wantErr)
		}
		if want := apptest.Monday.Add(time.Duration(tc.days) * 24 * time.Hour); !b.Clock.Now().Equal(want) {
			t.Fatalf("after %q the clock is %v, want %v", tc.arg, b.Clock.Now(), want)
		}
	}
}
