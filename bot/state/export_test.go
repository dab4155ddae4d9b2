package state

import "github.com/redis/go-redis/v9"

// ClientOf is the raw client under s, for tests that read keys directly.
func ClientOf(s *Store) redis.UniversalClient { return s.rdb }
