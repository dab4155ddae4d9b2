package inbox_test

import (
	"context"
	"testing"

	"github.com/jointwork/jointwork/bot/inbox"
)

// BenchmarkInboxAppend is the cost the durable ack adds to a request: one
// XADD to a real redis-server with AOF and fsync always (redistest).
func BenchmarkInboxAppend(b *testing.B) {
	st := newStoreB(b)
	q := inbox.New(st, inbox.Options{Log: quiet})
	body := []byte(`token=x&team_id=T1&user_id=U1&command=%2Fjointwork&text=case+open+c101&trigger_id=1.2.3`)
	ctx := context.Background()
	b.Run("serial", func(b *testing.B) {
		for b.Loop() {
			if _, err := q.Append(ctx, "slack/commands", body, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := q.Append(ctx, "slack/commands", body, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
