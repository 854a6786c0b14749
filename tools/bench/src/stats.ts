/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A count observed over time: (milliseconds since the start, count so far). */
export type Progress = { atMs: number; count: number }[];

/** When the count first reached `target`, interpolated between the two samples around it. */
function timeOf(progress: Progress, target: number): number {
  for (let i = 1; i < progress.length; i += 1) {
    const a = progress[i - 1]!;
    const b = progress[i]!;
    if (b.count >= target) {
      return b.count === a.count ? b.atMs : a.atMs + ((target - a.count) / (b.count - a.count)) * (b.atMs - a.atMs);
    }
  }
  return Number.NaN;
}

/**
 * The sustained rate per second: between the moments 10% and 90% of `total` were reached, so that start-up
 * (processes booting, the first tick) and the tail (the last few sends) do not count.
 */
export function sustainedRate(progress: Progress, total: number): number {
  const from = timeOf(progress, total * 0.1);
  const to = timeOf(progress, total * 0.9);
  return (total * 0.8) / ((to - from) / 1000);
}
