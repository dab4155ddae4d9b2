package state

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Concern is a concern about a practitioner, stored under its own key
// (jw:concern:W1), never on a case timeline.
type Concern struct {
	ID       string    `json:"id"`
	RaisedBy string    `json:"raisedBy"`
	Org      string    `json:"org"`
	Text     string    `json:"text"`
	SentTo   string    `json:"sentTo"`
	At       time.Time `json:"at"`
}

// SaveConcern keeps c under jw:concern:<c.ID>.
func (s *Store) SaveConcern(ctx context.Context, c Concern) error {
	if c.ID == "" {
		return fmt.Errorf("%w: concern without an id", ErrInvalid)
	}
	raw, _ := json.Marshal(c) // plain strings and a time always encode
	return s.SetValues(ctx, KV{Key: []string{"concern", c.ID}, Value: string(raw)})
}
