package console

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sort"
	"strconv"
	"time"

	"github.com/jointwork/jointwork/bot/state"
)

// simTimeout bounds each call to the store behind the workspace.
const simTimeout = 2 * time.Second

// Persist makes the workspace keep its channels (members, archived) and its
// channel and message numbers in st, and loads what an earlier run left:
// on a real Redis a second console run continues the first.
func (w *Workspace) Persist(ctx context.Context, st *state.Store) error {
	chans, err := st.SimChannels(ctx)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sim = st
	for _, sc := range chans {
		c := &channel{id: sc.ID, name: sc.Name, topic: sc.Topic, archived: sc.Archived, members: map[string]bool{}}
		for _, m := range sc.Members {
			c.members[m] = true
		}
		w.channels[c.id], w.byName[c.name] = c, c.id
	}
	return nil
}

// nextSeq returns the next channel or message number; w.mu is held.
func (w *Workspace) nextSeq() int {
	if w.sim != nil {
		ctx, cancel := context.WithTimeout(context.Background(), simTimeout)
		defer cancel()
		if n, err := w.sim.SimNext(ctx, "seq"); err == nil {
			w.seq = int(n)
			return w.seq
		}
	}
	w.seq++
	return w.seq
}

// save stores channel c when the workspace persists; w.mu is held.
func (w *Workspace) save(c *channel) {
	if w.sim == nil {
		return
	}
	sc := state.SimChannel{ID: c.id, Name: c.name, Topic: c.topic, Archived: c.archived}
	for m, in := range c.members {
		if in {
			sc.Members = append(sc.Members, m)
		}
	}
	sort.Strings(sc.Members)
	ctx, cancel := context.WithTimeout(context.Background(), simTimeout)
	defer cancel()
	if err := w.sim.SimPutChannel(ctx, sc); err != nil {
		_, _ = w.out.Write([]byte("(the console could not save #" + c.name + ": " + err.Error() + ")\n"))
	}
}

// eventID returns an event id unique across console runs on one store
// (a counter in the store), else unique within this run.
func (c *Console) eventID() string {
	if st := c.ws.sim; st != nil {
		ctx, cancel := context.WithTimeout(context.Background(), simTimeout)
		defer cancel()
		if n, err := st.SimNext(ctx, "event"); err == nil {
			return "console-" + strconv.FormatInt(n, 10)
		}
	}
	c.evseq++
	if c.run == "" {
		var b [6]byte
		_, _ = rand.Read(b[:])
		c.run = hex.EncodeToString(b[:])
	}
	return "console-" + c.run + "-" + strconv.Itoa(c.evseq)
}
