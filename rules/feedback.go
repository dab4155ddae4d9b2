package rules

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Vote is a practitioner's verdict on an answer: 👍 or 👎.
type Vote string

// The two votes.
const (
	VoteUp   Vote = "up"
	VoteDown Vote = "down"
)

// voteWords are the ways a vote is typed (console) or sent (buttons).
var voteWords = map[string]Vote{
	"up": VoteUp, "+1": VoteUp, "👍": VoteUp, "yes": VoteUp, "helpful": VoteUp, "good": VoteUp,
	"down": VoteDown, "-1": VoteDown, "👎": VoteDown, "no": VoteDown, "unhelpful": VoteDown, "bad": VoteDown,
}

// ParseVote reads a typed or sent vote ("👍", "+1", "up", "👎", "down", …).
func ParseVote(s string) (Vote, error) {
	if v, ok := voteWords[strings.ToLower(strings.TrimSpace(s))]; ok {
		return v, nil
	}
	return "", fmt.Errorf("vote %q not understood: use 👍 or 👎 (up or down)", s)
}

// FeedbackCount is how many 👍 and 👎 the answers of one rule in one band
// received. Only counts are kept: no question text, no user.
type FeedbackCount struct {
	Rule string `json:"rule"`
	Band string `json:"band"`
	Up   int64  `json:"up"`
	Down int64  `json:"down"`
}

// FeedbackSource gives the feedback counts (the bot keeps them in Redis).
type FeedbackSource interface {
	FeedbackCounts(ctx context.Context) ([]FeedbackCount, error)
}

// FeedbackTally counts votes in memory (the console, tests). It is safe for
// concurrent use; the zero value is ready.
type FeedbackTally struct {
	mu     sync.Mutex
	counts map[[2]string]*FeedbackCount
}

// CheckFeedback checks a vote's rule ID and band before it is counted.
func CheckFeedback(ruleID, band string) error {
	if strings.TrimSpace(ruleID) == "" || strings.ContainsAny(ruleID, " \t\n") {
		return fmt.Errorf("feedback: rule ID %q is not a rule ID", ruleID)
	}
	switch band {
	case BandAnswer, BandUnsure, BandUnknown:
		return nil
	}
	return fmt.Errorf("feedback: band %q is not one of %s, %s, %s", band, BandAnswer, BandUnsure, BandUnknown)
}

// Record counts one vote on an answer from ruleID given in band.
func (t *FeedbackTally) Record(ruleID, band string, v Vote) error {
	if err := CheckFeedback(ruleID, band); err != nil {
		return err
	}
	if v != VoteUp && v != VoteDown {
		return fmt.Errorf("feedback: vote %q is not up or down", v)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.counts == nil {
		t.counts = map[[2]string]*FeedbackCount{}
	}
	k := [2]string{ruleID, band}
	c := t.counts[k]
	if c == nil {
		c = &FeedbackCount{Rule: ruleID, Band: band}
		t.counts[k] = c
	}
	if v == VoteUp {
		c.Up++
	} else {
		c.Down++
	}
	return nil
}

// FeedbackCounts returns the counts sorted by rule, then band.
func (t *FeedbackTally) FeedbackCounts(ctx context.Context) ([]FeedbackCount, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t.mu.Lock()
	out := make([]FeedbackCount, 0, len(t.counts))
	for _, c := range t.counts {
		out = append(out, *c)
	}
	t.mu.Unlock()
	SortFeedback(out)
	return out, nil
}

// bandOrder orders bands in reports.
var bandOrder = map[string]int{BandAnswer: 0, BandUnsure: 1, BandUnknown: 2}

// SortFeedback orders counts by rule ID, then band (answer, unsure, unknown).
func SortFeedback(cs []FeedbackCount) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Rule != cs[j].Rule {
			return cs[i].Rule < cs[j].Rule
		}
		return bandOrder[cs[i].Band] < bandOrder[cs[j].Band]
	})
}
