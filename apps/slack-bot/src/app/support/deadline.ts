/**
 * Slack waits 3 seconds for an acknowledgement. A view submission must be acknowledged with its inline
 * errors, so its handler waits for the service — but only for so long: past the budget it acknowledges
 * without them and reports the outcome another way.
 */
export const ACK_BUDGET_MS = 2300;

export type Settled<T> =
  { settled: true; ok: true; value: T } | { settled: true; ok: false; error: unknown } | { settled: false };

export async function settleWithin<T>(work: Promise<T>, budgetMs: number = ACK_BUDGET_MS): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), budgetMs);
  });
  const outcome = work.then(
    (value): Settled<T> => ({ settled: true, ok: true, value }),
    (error: unknown): Settled<T> => ({ settled: true, ok: false, error }),
  );
  try {
    return await Promise.race([outcome, late]);
  } finally {
    clearTimeout(timer);
  }
}
