package state

import "github.com/redis/go-redis/v9"

// claimScript claims due items among candidate ids read just before: it
// re-queues the candidates whose lease expired by now, then moves up to max
// candidates that are due by now into the lease set, each with its own
// fencing token. Candidates that another runner took in between are skipped.
// Every key it touches is declared.
//
// KEYS: due, items, lease, then the claim key of each candidate.
// ARGV: now ms, lease expiry ms, max, token base, then the candidate ids in
// the order of their claim keys.
var claimScript = redis.NewScript(`
local now, max, n = tonumber(ARGV[1]), tonumber(ARGV[3]), #KEYS - 3
for i = 1, n do
  local id = ARGV[4 + i]
  local l = redis.call('ZSCORE', KEYS[3], id)
  if l and tonumber(l) <= now then
    redis.call('ZREM', KEYS[3], id)
    redis.call('DEL', KEYS[3 + i])
    if redis.call('HEXISTS', KEYS[2], id) == 1 then
      redis.call('ZADD', KEYS[1], ARGV[1], id)
    end
  end
end
local out, claimed = {}, 0
for i = 1, n do
  if claimed >= max then break end
  local id = ARGV[4 + i]
  local d = redis.call('ZSCORE', KEYS[1], id)
  if d and tonumber(d) <= now then
    redis.call('ZREM', KEYS[1], id)
    local data = redis.call('HGET', KEYS[2], id)
    if data then
      claimed = claimed + 1
      local tok = ARGV[4] .. '.' .. claimed
      redis.call('ZADD', KEYS[3], ARGV[2], id)
      redis.call('SET', KEYS[3 + i], tok)
      out[#out + 1] = tok
      out[#out + 1] = data
    end
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
