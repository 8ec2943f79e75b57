/**
 * The last hour of one store at one-minute resolution, in memory: a ring of 60 buckets, so it never grows.
 * Counters add up within their minute; gauges keep the last value sampled in it. A bucket left over from an
 * earlier hour is reset when its slot comes round again, and reads skip it.
 */

export const SERIES_MINUTES = 60;
const MINUTE_MS = 60_000;

export const MINUTE_COUNTERS = [
  'calls',
  'throttled',
  'failed',
  'cacheLookups',
  'cacheHits',
  'duplicates',
] as const;
export type MinuteCounter = (typeof MINUTE_COUNTERS)[number];

export const MINUTE_GAUGES = ['lagSeconds', 'notesQueued', 'pushQueued'] as const;
export type MinuteGauge = (typeof MINUTE_GAUGES)[number];

export type MinuteBucket = { minute: number } & Record<MinuteCounter, number> &
  Record<MinuteGauge, number | null>;

export interface MinuteSeries {
  add(at: number, counter: MinuteCounter, by?: number): void;
  set(at: number, gauge: MinuteGauge, value: number | null): void;
  /** The `minutes` minutes up to and including the one of `at`, oldest first; missing minutes are empty. */
  window(at: number, minutes?: number): MinuteBucket[];
  sum(at: number, counter: MinuteCounter, minutes?: number): number;
}

export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE_MS);
}

export function minuteStart(minute: number): number {
  return minute * MINUTE_MS;
}

function emptyBucket(minute: number): MinuteBucket {
  return {
    minute,
    calls: 0,
    throttled: 0,
    failed: 0,
    cacheLookups: 0,
    cacheHits: 0,
    duplicates: 0,
    lagSeconds: null,
    notesQueued: null,
    pushQueued: null,
  };
}

export function createMinuteSeries(size = SERIES_MINUTES): MinuteSeries {
  const ring: MinuteBucket[] = Array.from({ length: size }, () => emptyBucket(-1));

  function slotOf(minute: number): number {
    return ((minute % size) + size) % size;
  }

  function bucketFor(at: number): MinuteBucket {
    const minute = minuteOf(at);
    const slot = slotOf(minute);
    let bucket = ring[slot] as MinuteBucket;
    // A clock that jumped back lands in a slot of the future: writing there would only be read as that future.
    if (bucket.minute > minute) return emptyBucket(minute);
    if (bucket.minute !== minute) {
      bucket = emptyBucket(minute);
      ring[slot] = bucket;
    }
    return bucket;
  }

  function window(at: number, minutes = size): MinuteBucket[] {
    const last = minuteOf(at);
    const count = Math.min(Math.max(1, minutes), size);
    const out: MinuteBucket[] = [];
    for (let minute = last - count + 1; minute <= last; minute += 1) {
      const bucket = ring[slotOf(minute)] as MinuteBucket;
      out.push(bucket.minute === minute ? { ...bucket } : emptyBucket(minute));
    }
    return out;
  }

  return {
    add(at, counter, by = 1) {
      bucketFor(at)[counter] += by;
    },
    set(at, gauge, value) {
      bucketFor(at)[gauge] = value;
    },
    window,
    sum(at, counter, minutes = size) {
      return window(at, minutes).reduce((total, bucket) => total + bucket[counter], 0);
    },
  };
}
