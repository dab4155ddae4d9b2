package state

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Per-case item ids. Tasks and requests are numbered per case (T1, R1 in
// every case) by a counter jw:{case:REF}:seq:<kind> read and written inside
// the case's Update, so a number is taken exactly when the item is saved:
// no gaps from refused commands and no id that points into another case.
//
// Migration from global ids (before per-case numbering, T12 could be the
// first task of a case and jw:idx:item:<ID> mapped it to its case): stored
// items keep their ids and stay valid inside their own case; the first new
// id of a kind in such a case continues after the highest id of that kind
// the case already holds, so nothing collides. The old jw:idx:item keys are
// no longer written; they are read only to resolve bare ids left in the
// people's open-item sets (OpenItemsOf), which are now "REF/ID".

// NewID returns the next per-case id of kind ("T" or "R") for this case,
// taken when the Update commits.
func (tx *Tx) NewID(kind string) (string, error) {
	part := hashOfKind(kind)
	if part == "" {
		return "", fmt.Errorf("%w: per-case id kind %q", ErrInvalid, kind)
	}
	if tx.seq == nil {
		tx.seq = map[string]int64{}
	}
	n, ok := tx.seq[kind]
	if !ok {
		var err error
		if n, err = tx.readSeq(kind, part); err != nil {
			return "", err
		}
	}
	n++
	tx.seq[kind] = n
	key, val := tx.s.caseKey(tx.Case.Ref, "seq:"+kind), n
	tx.ops = append(tx.ops, func(p redis.Pipeliner) { p.Set(tx.ctx, key, val, 0) })
	return kind + strconv.FormatInt(n, 10), nil
}

// readSeq reads, under WATCH, the case counter of kind; a case without one
// (created before per-case ids) starts after its highest stored id.
func (tx *Tx) readSeq(kind, part string) (int64, error) {
	key := tx.s.caseKey(tx.Case.Ref, "seq:"+kind)
	if err := tx.rtx.Watch(tx.ctx, key).Err(); err != nil {
		return 0, wrap("watch id counter", err)
	}
	n, err := tx.rtx.Get(tx.ctx, key).Int64()
	if err == nil {
		return n, nil
	}
	if !errors.Is(err, redis.Nil) {
		return 0, wrap("read id counter", err)
	}
	ids, err := tx.rtx.HKeys(tx.ctx, tx.s.caseKey(tx.Case.Ref, part)).Result()
	if err != nil {
		return 0, wrap("read ids", err)
	}
	return maxIDNumber(kind, ids), nil
}

// maxIDNumber is the highest number of the ids of kind among ids, 0 if none.
func maxIDNumber(kind string, ids []string) int64 {
	var max int64
	for _, id := range ids {
		rest, ok := strings.CutPrefix(id, kind)
		if !ok {
			continue
		}
		if n, err := strconv.ParseInt(rest, 10, 64); err == nil && n > max {
			max = n
		}
	}
	return max
}

// hashOfKind names the case hash of a per-case id kind, "" for others.
func hashOfKind(kind string) string {
	switch kind {
	case "T":
		return "tasks"
	case "R":
		return "requests"
	}
	return ""
}

// HasItem reports whether case ref holds task or request id.
func (s *Store) HasItem(ctx context.Context, ref, id string) (bool, error) {
	part := hashOf(id)
	if err := checkRef(ref); err != nil {
		return false, err
	}
	ok, err := s.rdb.HExists(ctx, s.caseKey(ref, part), id).Result()
	if err != nil {
		return false, wrap("item "+id, err)
	}
	return ok, nil
}

// itemMember is how an open item is kept in a person's open-item set.
func itemMember(ref, id string) string { return ref + "/" + id }
