package state

import "github.com/redis/go-redis/v9"

// claimScript re-queues items whose lease expired, then moves up to max due
// items into the lease set, each with its own fencing token.
//
// KEYS: due, items, lease. ARGV: now ms, lease expiry ms, max, claim key
// prefix, token base.
var claimScript = redis.NewScript(`
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[3], id)
  redis.call('DEL', ARGV[4] .. id)
  if redis.call('HEXISTS', KEYS[2], id) == 1 then
    redis.call('ZADD', KEYS[1], ARGV[1], id)
  end
end
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for i, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local data = redis.call('HGET', KEYS[2], id)
  if data then
    local tok = ARGV[5] .. '.' .. i
    redis.call('ZADD', KEYS[3], ARGV[2], id)
    redis.call('SET', ARGV[4] .. id, tok)
    out[#out + 1] = tok
    out[#out + 1] = data
  end
end
return out
`)

// finishScript ends a claim held with the right token: completes it
// (ARGV[3] = ""), re-queues it (ARGV[3] = "retry", ARGV[4] = new JSON,
// ARGV[5] = due ms) or dead-letters it (ARGV[3] = "dead", ARGV[4] = dead
// letter JSON).
//
// KEYS: due, items, lease, claim key, dead list. ARGV: id, token, mode, …
var finishScript = redis.NewScript(`
if redis.call('GET', KEYS[4]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[4])
if ARGV[3] == 'retry' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
  redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
  return 1
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[3] == 'dead' then
  redis.call('LPUSH', KEYS[5], ARGV[4])
end
return 1
`)
