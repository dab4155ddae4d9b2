package state

import "context"

func (s *Store) escDigestKey() string { return s.escPrefix() + "digest" }

// SetDigest turns handle's daily digest of escalation pings on or off.
func (s *Store) SetDigest(ctx context.Context, handle string, on bool) error {
	var err error
	if on {
		err = s.rdb.SAdd(ctx, s.escDigestKey(), handle).Err()
	} else {
		err = s.rdb.SRem(ctx, s.escDigestKey(), handle).Err()
	}
	return wrap("set digest of "+handle, err)
}

// Digest reports whether handle gets a daily digest instead of each ping.
func (s *Store) Digest(ctx context.Context, handle string) (bool, error) {
	on, err := s.rdb.SIsMember(ctx, s.escDigestKey(), handle).Result()
	if err != nil {
		return false, wrap("digest of "+handle, err)
	}
	return on, nil
}
