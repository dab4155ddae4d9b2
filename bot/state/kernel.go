package state

import (
	"context"
	"errors"
)

// DialogKind is the kind of the dialog stored under key, "" when there is
// none (absent or expired). It is what the kernel (bot.Dialogs) needs.
func (s *Store) DialogKind(ctx context.Context, key string) (string, error) {
	d, err := s.Dialog(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return d.Kind, nil
}
