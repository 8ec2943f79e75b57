import type { BudgetWindow, QuotaBudget, RateLimitSnapshot } from '../bigcommerce/index.js';
import { REDIS_NOW_LUA, type RedisConnection } from './redis-connection.js';

export interface RedisQuotaBudgetOptions {
  connection: RedisConnection;
  storeKey: string;
  /** Start spacing when requests-left <= max(reserveMin, ceil(quota * reserveRatio)); as the local throttle. */
  reserveRatio?: number;
  reserveMin?: number;
}

// One hash per store: left, resetAt (Redis clock), quota, windowMs, nextSlotAt, inflight.
// A window whose reset has passed refills from its quota, as BigCommerce's does. The hash expires after a
// minute without traffic, so counters of a crashed instance (its in-flight requests) heal on their own.
const LOAD_WINDOW = `
${REDIS_NOW_LUA}
local h = redis.call('HMGET', KEYS[1], 'left', 'resetAt', 'quota', 'windowMs', 'nextSlotAt', 'inflight')
local left, resetAt, quota, windowMs = tonumber(h[1]), tonumber(h[2]), tonumber(h[3]), tonumber(h[4])
local nextSlot, inflight = tonumber(h[5]) or 0, tonumber(h[6]) or 0
if resetAt and now >= resetAt then
  if quota and windowMs and windowMs > 0 then
    resetAt = resetAt + windowMs * (math.floor((now - resetAt) / windowMs) + 1)
    left = quota
    nextSlot = 0
  else
    left = nil
    resetAt = nil
  end
end
local function save()
  if left then
    redis.call('HSET', KEYS[1], 'left', left, 'resetAt', resetAt, 'nextSlotAt', nextSlot, 'inflight', inflight)
  else
    redis.call('HSET', KEYS[1], 'inflight', inflight)
  end
  redis.call('PEXPIRE', KEYS[1], math.max(60000, (windowMs or 0) * 2))
end
local function answer(granted, wait)
  if not left then return {granted, wait, -1, -1, quota or -1, windowMs or -1} end
  return {granted, wait, left, resetAt - now, quota or -1, windowMs or -1}
end
`;

// Reserve one request: refused while the window is exhausted; spaced when it runs low; counted at once, so no
// two instances get the same last request. An unknown window (no response yet) lets the request go: BigCommerce's
// first answer tells the window, and the requests still in flight are subtracted from it (see RECORD).
const RESERVE = `${LOAD_WINDOW}
local ratio, reserveMin = tonumber(ARGV[1]), tonumber(ARGV[2])
if not left then
  inflight = inflight + 1
  save()
  return answer(1, 0)
end
if left <= 0 then
  save()
  return answer(0, resetAt - now)
end
local wait = 0
if left <= math.max(reserveMin, math.ceil((quota or 0) * ratio)) then
  local slot = math.max(now, nextSlot)
  nextSlot = slot + math.ceil(math.max(0, resetAt - slot) / left)
  wait = slot - now
end
left = left - 1
inflight = inflight + 1
save()
return answer(1, wait)`;

// A response arrived (or a reserved request ended without one). Its headers count the requests BigCommerce had
// seen when it answered; ours still in flight may not be among them, so they are taken off as well. Within one
// window the count only goes down (a late answer must not raise it back up).
const RELEASE = `${LOAD_WINDOW}
inflight = math.max(0, inflight - 1)
if ARGV[1] ~= '' then
  local snapLeft, resetMs = tonumber(ARGV[1]), tonumber(ARGV[2])
  local snapQuota, snapWindow = tonumber(ARGV[3]), tonumber(ARGV[4])
  local newReset = now + resetMs
  local candidate = math.max(0, snapLeft - inflight)
  if left and resetAt and newReset <= resetAt + tonumber(ARGV[5]) then
    left = math.min(left, candidate)
  else
    left = candidate
    nextSlot = 0
  end
  resetAt = newReset
  if snapQuota and snapQuota >= 0 then quota = snapQuota; redis.call('HSET', KEYS[1], 'quota', quota) end
  if snapWindow and snapWindow > 0 then windowMs = snapWindow; redis.call('HSET', KEYS[1], 'windowMs', windowMs) end
end
save()
return answer(1, 0)`;

/** Responses of one window can arrive out of order; a reset time within this tolerance is the same window. */
const SAME_WINDOW_TOLERANCE_MS = 1_000;

function toWindow(reply: unknown): BudgetWindow | null {
  const [, , left, resetMs, quota, windowMs] = (reply as unknown[]).map(Number);
  if (left === undefined || resetMs === undefined || left < 0 || resetMs < 0) return null;
  return {
    left,
    resetMs,
    quota: quota === undefined || quota < 0 ? undefined : quota,
    windowMs: windowMs === undefined || windowMs <= 0 ? undefined : windowMs,
  };
}

/**
 * A store's BigCommerce quota as one budget for every instance: the window (requests left, reset) lives in Redis,
 * updated by whichever instance saw the rate-limit headers last, and each request reserves its place atomically
 * (a Lua script) before it is sent. Time in the scripts is Redis' clock, one for all instances.
 */
export function createRedisQuotaBudget(options: RedisQuotaBudgetOptions): QuotaBudget {
  const { connection } = options;
  const key = connection.key('quota', options.storeKey);
  const ratio = String(options.reserveRatio ?? 0.1);
  const reserveMin = String(options.reserveMin ?? 3);
  return {
    async reserve() {
      const reply = (await connection.client.eval(RESERVE, 1, key, ratio, reserveMin)) as unknown[];
      const window = toWindow(reply);
      return Number(reply[0]) === 1
        ? { granted: true, sendInMs: Number(reply[1]), window }
        : { granted: false, retryInMs: Number(reply[1]), window };
    },
    async release(snapshot: RateLimitSnapshot | null) {
      const args = snapshot
        ? [
            String(snapshot.requestsLeft),
            String(snapshot.resetMs),
            String(snapshot.quota ?? -1),
            String(snapshot.windowMs ?? -1),
          ]
        : ['', '', '', ''];
      await connection.client.eval(RELEASE, 1, key, ...args, String(SAME_WINDOW_TOLERANCE_MS));
    },
  };
}
