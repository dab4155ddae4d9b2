package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Votes on answers.
const (
	VoteUp   = "up"
	VoteDown = "down"
)

// VoteCount is how many 👍 and 👎 the answers from one rule in one band got.
type VoteCount struct {
	Rule, Band string
	Up, Down   int64
}

// LastAnswer is what the bot last answered a person, so a typed
// `feedback up` knows which answer it is about. Question is set only when
// the text passed the privacy check; the key expires.
type LastAnswer struct {
	Rule     string `json:"rule"`
	Band     string `json:"band"`
	Question string `json:"question,omitempty"`
	// Others are the other closest topics, for a typed "show other topics".
	Others []string `json:"others,omitempty"`
}

// FeedbackText is a question kept with its vote for review: only text that
// passed the privacy check, and only until its key expires.
type FeedbackText struct {
	Rule     string    `json:"rule"`
	Band     string    `json:"band"`
	Vote     string    `json:"vote"`
	Question string    `json:"question"`
	At       time.Time `json:"at"`
}

// countField is the field of jw:feedback:counts for a rule, band and vote.
func countField(rule, band, vote string) string { return rule + "|" + band + "|" + vote }

// checkVote refuses malformed votes before anything is written.
func checkVote(rule, band, vote string) error {
	if rule == "" || band == "" || strings.ContainsAny(rule+band, "| \t\r\n") {
		return fmt.Errorf("%w: vote on rule %q band %q", ErrInvalid, rule, band)
	}
	if vote != VoteUp && vote != VoteDown {
		return fmt.Errorf("%w: vote %q", ErrInvalid, vote)
	}
	return nil
}

// CountVote adds one vote on an answer from rule in band
// (HINCRBY jw:feedback:counts rule|band|vote 1). No text, no user.
func (s *Store) CountVote(ctx context.Context, rule, band, vote string) error {
	if err := checkVote(rule, band, vote); err != nil {
		return err
	}
	// The count and the event's done marker are written together, so a
	// redelivered vote is not counted twice.
	err := s.rdb.Watch(ctx, func(rtx *redis.Tx) error {
		mark, err := s.eventGuard(ctx, rtx)
		if err != nil {
			return err
		}
		_, err = rtx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HIncrBy(ctx, s.Key("feedback", "counts"), countField(rule, band, vote), 1)
			mark(p)
			return nil
		})
		return err
	}, s.watchKeys(ctx)...)
	if errors.Is(err, ErrDone) {
		return fmt.Errorf("state: count vote: %w", ErrDone)
	}
	return wrap("count vote", err)
}

// VoteCounts returns every rule and band's counts, sorted by rule then band.
func (s *Store) VoteCounts(ctx context.Context) ([]VoteCount, error) {
	raw, err := s.rdb.HGetAll(ctx, s.Key("feedback", "counts")).Result()
	if err != nil {
		return nil, wrap("read vote counts", err)
	}
	byKey := map[[2]string]*VoteCount{}
	for field, v := range raw {
		parts := strings.Split(field, "|")
		var n int64
		if len(parts) != 3 || json.Unmarshal([]byte(v), &n) != nil {
			continue
		}
		k := [2]string{parts[0], parts[1]}
		c := byKey[k]
		if c == nil {
			c = &VoteCount{Rule: parts[0], Band: parts[1]}
			byKey[k] = c
		}
		if parts[2] == VoteUp {
			c.Up += n
		} else {
			c.Down += n
		}
	}
	out := make([]VoteCount, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].Band < out[j].Band
	})
	return out, nil
}

// SaveLastAnswer keeps a person's last answer under jw:ask:last:<handle>
// for ttl. Within an event's run (BeginEvent) it is written when the run
// ends, with the event's done marker and replies (before they are sent),
// saving a round trip.
func (s *Store) SaveLastAnswer(ctx context.Context, handle string, a LastAnswer, ttl time.Duration) error {
	if handle == "" || ttl <= 0 {
		return fmt.Errorf("%w: last answer for %q, ttl %s", ErrInvalid, handle, ttl)
	}
	raw, _ := json.Marshal(a) // plain strings always encode
	if s.setLater(ctx, s.Key("ask", "last", handle), raw, ttl) {
		return nil
	}
	return wrap("save last answer", s.rdb.Set(ctx, s.Key("ask", "last", handle), raw, ttl).Err())
}

// LastAnswerOf returns a person's last answer, or ErrNotFound once expired.
func (s *Store) LastAnswerOf(ctx context.Context, handle string) (LastAnswer, error) {
	var a LastAnswer
	raw, err := s.rdb.Get(ctx, s.Key("ask", "last", handle)).Bytes()
	if errors.Is(err, redis.Nil) {
		return a, fmt.Errorf("state: last answer: %w", ErrNotFound)
	}
	if err != nil {
		return a, wrap("read last answer", err)
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return a, fmt.Errorf("state: last answer: %w", err)
	}
	return a, nil
}

// SaveFeedbackText keeps a voted question under jw:feedback:text:<id> for
// ttl (which must be positive: nothing is kept for ever).
func (s *Store) SaveFeedbackText(ctx context.Context, id string, f FeedbackText, ttl time.Duration) error {
	if id == "" || ttl <= 0 || f.Question == "" {
		return fmt.Errorf("%w: feedback text %q, ttl %s", ErrInvalid, id, ttl)
	}
	raw, _ := json.Marshal(f) // plain strings and a time always encode
	return wrap("save feedback text", s.rdb.Set(ctx, s.Key("feedback", "text", id), raw, ttl).Err())
}
