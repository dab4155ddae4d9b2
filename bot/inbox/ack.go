package inbox

import "context"

// ackBatch is the most entries acknowledged in one round trip.
const ackBatch = 256

// acker acknowledges the entries workers finished, as many at a time as
// have finished meanwhile (one XACK and XDEL for all, in a script call that
// shares its round trip with the workers' other calls), so a worker takes
// its next entry without waiting for that round trip. An ack lost to a
// crash only makes the entry run again, which the event's done marker
// turns into nothing.
func (q *Inbox) acker(ctx context.Context) {
	ids := make([]string, 0, ackBatch)
	for id := range q.acks {
		ids = append(ids[:0], id)
	more:
		for len(ids) < ackBatch {
			select {
			case id, ok := <-q.acks:
				if !ok {
					break more
				}
				ids = append(ids, id)
			default:
				break more
			}
		}
		if err := q.st.InboxAck(ctx, ids...); err != nil {
			q.opt.Log.Warn("inbox ack failed; the entries will run again", "entries", len(ids), "err", err)
		}
	}
}
