/**
 * Send-limit forecast: when will each recipient actually be texted, given the per-number rate and
 * the campaign cap (e.g. 40 per 300 s), and how many will miss their end instant.
 *
 * Model (a simulation of a dispatcher that always sends the earliest-eligible recipient first):
 * - Recipients are taken in due order (ties: input order). Each is sent at the EARLIEST instant
 *   ≥ its due time (and ≥ the previous decision) at which adding one send breaks no limit:
 *   - per sender number: consecutive sends at least ceil(1000 / messagesPerSecond) ms apart
 *     (rounded up to whole ms so the rate is never exceeded; `Infinity` = no per-number limit);
 *   - campaign cap: at most `count` sends in ANY half-open window [x, x + perSeconds) — a true
 *     sliding window, not aligned buckets.
 * - `alreadyScheduled`: sends already planned for the same campaign on the same number (an earlier
 *   list): they count against both limits and are fixed; the new list fills the earliest free slots
 *   around them (so a second list due at the same time queues after the first).
 *   `alreadyScheduledOnNumber`: sends of OTHER campaigns on the same number: rate limit only.
 * - A recipient whose estimated send is ≥ its `endAt` is not reachable: counted, `sendTimes[i]` is
 *   null, and it consumes no slot.
 * - Optional `windowOf(recipientIndex, instant)`: returns `instant` itself (or anything ≤ it) when the
 *   recipient may be texted then, the next opening of their send window otherwise, or null when the
 *   window never opens again. A recipient whose computed slot falls outside its window is put back
 *   in the queue at its next opening (it does not hold the slot, others may use it), so windows that
 *   close mid-queue are honoured. A null opening, or an opening ≥ endAt, counts as not reachable.
 *   At the re-queued opening the slot is recomputed and `windowOf` asked again, until a slot fits
 *   (a callback that never opens throws after 10,000 re-queues of one recipient).
 *
 * Complexity: O((n + m) log(n + m)) for the heap and sorting (n recipients, m already scheduled),
 * plus, for each placement, O(k) where k ≤ count is the number of already-scheduled sends within one
 * cap window AFTER the candidate instant (0 when the earlier list is entirely before the new one).
 * Every recipient re-queued by `windowOf` costs one more heap operation per window it waits for.
 */

export interface ForecastRecipient {
  id?: string;
  dueAt: Date;
  endAt?: Date | null;
}

export interface SendLimits {
  /** Per sender number; default 1. Use Infinity for no per-number limit. */
  messagesPerSecond?: number;
  /** e.g. `{ count: 40, perSeconds: 300 }`; default off. */
  campaignCap?: { count: number; perSeconds: number } | null;
}

export interface ForecastOptions {
  /** Sends already planned in this campaign on this number (count against both limits). */
  alreadyScheduled?: readonly Date[];
  /** Sends planned by other campaigns on the same sender number (count against the rate only). */
  alreadyScheduledOnNumber?: readonly Date[];
  /** Next opening of the recipient's send window at or after `instant` (see module comment). */
  windowOf?: (recipientIndex: number, instant: Date) => Date | null;
}

export interface SendForecast {
  /** In input order; null for a recipient not reachable before its end (or whose window never opens). */
  sendTimes: (Date | null)[];
  firstSendAt: Date | null;
  lastSendAt: Date | null;
  notReachableBeforeEnd: number;
}

/** Guard against a `windowOf` that never returns an open instant (a bug, not a real schedule). */
const MAX_REQUEUES = 10_000;

/** Minimal binary heap of recipient indexes keyed by (time, due order). */
class Queue {
  private readonly heap: number[] = [];
  constructor(
    private readonly key: Float64Array,
    private readonly rank: Int32Array,
  ) {}
  get size(): number {
    return this.heap.length;
  }
  private less(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka < kb || (ka === kb && this.rank[a] < this.rank[b]);
  }
  push(item: number): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }
  pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (last !== undefined && h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function time(date: Date, what: string): number {
  const t = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`forecastSends: invalid ${what}`);
  return t;
}

export function forecastSends(
  recipients: readonly (Date | ForecastRecipient)[],
  limits: SendLimits = {},
  options: ForecastOptions = {},
): SendForecast {
  const rate = limits.messagesPerSecond ?? 1;
  if (!(rate > 0)) throw new RangeError('forecastSends: messagesPerSecond must be > 0');
  const gap = rate === Infinity ? 0 : Math.ceil(1000 / rate);
  const cap = limits.campaignCap ?? null;
  if (cap && !(Number.isInteger(cap.count) && cap.count >= 1 && cap.perSeconds > 0)) {
    throw new RangeError('forecastSends: campaignCap needs an integer count ≥ 1 and perSeconds > 0');
  }
  const capCount = cap ? cap.count : 0;
  const capWindow = cap ? Math.ceil(cap.perSeconds * 1000) : 0;

  const n = recipients.length;
  const due = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = recipients[i];
    if (r instanceof Date) {
      due[i] = time(r, `due time at index ${i}`);
      end[i] = Infinity;
    } else {
      due[i] = time(r.dueAt, `dueAt at index ${i}`);
      end[i] = r.endAt === null || r.endAt === undefined ? Infinity : time(r.endAt, `endAt at index ${i}`);
    }
  }

  // Due order (stable) as the tie-break rank.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => due[a] - due[b] || a - b);
  const rank = new Int32Array(n);
  order.forEach((item, position) => (rank[item] = position));

  // Fixed sends: campaign ones (cap + rate), and all of them merged for the rate.
  const fixedCampaign = (options.alreadyScheduled ?? [])
    .map((d, i) => time(d, `alreadyScheduled[${i}]`))
    .sort((a, b) => a - b);
  const fixedRate = [
    ...fixedCampaign,
    ...(options.alreadyScheduledOnNumber ?? []).map((d, i) => time(d, `alreadyScheduledOnNumber[${i}]`)),
  ].sort((a, b) => a - b);

  // Sweep state. `capPast` holds every campaign send ≤ the frontier, sorted (append-only).
  const capPast: number[] = [];
  let capNext = 0; // first fixedCampaign element not yet in capPast
  let rateNext = 0; // first fixedRate element not yet passed
  let lastRate = -Infinity; // latest rate-limited send ≤ the frontier
  let frontier = -Infinity;

  const absorb = (t: number): void => {
    while (capNext < fixedCampaign.length && fixedCampaign[capNext] <= t) {
      if (cap) capPast.push(fixedCampaign[capNext]);
      capNext += 1;
    }
    while (rateNext < fixedRate.length && fixedRate[rateNext] <= t) {
      lastRate = Math.max(lastRate, fixedRate[rateNext]);
      rateNext += 1;
    }
  };

  /** Earliest instant ≥ t where one more send breaks no limit. Monotone in t across calls. */
  const earliestFeasible = (start: number): number => {
    let t = start;
    for (;;) {
      absorb(t);
      if (gap > 0) {
        if (t < lastRate + gap) {
          t = lastRate + gap;
          continue;
        }
        if (rateNext < fixedRate.length && fixedRate[rateNext] < t + gap) {
          t = fixedRate[rateNext] + gap;
          continue;
        }
      }
      if (cap) {
        const len = capPast.length;
        if (len >= capCount && t - capPast[len - capCount] < capWindow) {
          t = capPast[len - capCount] + capWindow;
          continue;
        }
        // Windows that also hold fixed sends after t: b of them after, a = count - b before.
        let conflict = false;
        for (let b = 1; b <= capCount && capNext + b - 1 < fixedCampaign.length; b++) {
          const q = fixedCampaign[capNext + b - 1];
          if (q - t >= capWindow) break;
          const a = capCount - b;
          if (a > len) continue;
          const p = a === 0 ? t : capPast[len - a];
          if (q - p < capWindow) {
            conflict = true;
            break;
          }
        }
        if (conflict) {
          // Any instant before the next fixed send meets the same conflict: jump onto it.
          t = fixedCampaign[capNext];
          continue;
        }
      }
      return t;
    }
  };

  const key = new Float64Array(due);
  const requeues = new Int32Array(n);
  const queue = new Queue(key, rank);
  for (const i of order) queue.push(i);

  const sendTimes: (Date | null)[] = new Array<Date | null>(n).fill(null);
  let notReachable = 0;
  let first = Infinity;
  let last = -Infinity;

  while (queue.size > 0) {
    const i = queue.pop();
    const t = earliestFeasible(Math.max(key[i], frontier));
    frontier = t;
    if (t >= end[i]) {
      notReachable += 1;
      continue;
    }
    if (options.windowOf) {
      const opening = options.windowOf(i, new Date(t));
      if (opening === null) {
        notReachable += 1;
        continue;
      }
      const o = time(opening, `windowOf(${i}) result`);
      if (o > t) {
        if (o >= end[i]) notReachable += 1;
        else {
          requeues[i] += 1;
          if (requeues[i] > MAX_REQUEUES) {
            throw new Error(`forecastSends: windowOf never opened for recipient ${i}`);
          }
          key[i] = o;
          queue.push(i);
        }
        continue;
      }
    }
    // Place the send at t.
    if (cap) capPast.push(t);
    if (gap > 0) lastRate = t;
    sendTimes[i] = new Date(t);
    if (t < first) first = t;
    if (t > last) last = t;
  }

  return {
    sendTimes,
    firstSendAt: first === Infinity ? null : new Date(first),
    lastSendAt: last === -Infinity ? null : new Date(last),
    notReachableBeforeEnd: notReachable,
  };
}
