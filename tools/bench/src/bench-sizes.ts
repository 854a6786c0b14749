/** How big each benchmark is. The figures are ratios, so the quick sizes answer the same questions. */
export type BenchSizes = {
  ingest: { rows: number; smallRows: number; runs: number; warmups: number };
  dispatch: { recipients: number; runs: number };
  backlog: { small: number; large: number; due: number; runs: number; databases: ('sqlite' | 'postgresql')[] };
  scaleOut: { recipients: number; runs: number };
};

export const FULL: BenchSizes = {
  ingest: { rows: 3500, smallRows: 350, runs: 7, warmups: 2 },
  dispatch: { recipients: 20_000, runs: 3 },
  backlog: { small: 10_000, large: 1_000_000, due: 3000, runs: 3, databases: ['sqlite', 'postgresql'] },
  scaleOut: { recipients: 6000, runs: 3 },
};

/** `npm run bench -- --quick`: under two minutes. */
export const QUICK: BenchSizes = {
  ingest: { rows: 3500, smallRows: 350, runs: 3, warmups: 1 },
  dispatch: { recipients: 2500, runs: 1 },
  backlog: { small: 1000, large: 100_000, due: 1000, runs: 1, databases: ['sqlite'] },
  scaleOut: { recipients: 1200, runs: 1 },
};

/** The smoke test's: every path runs, no figure means anything. */
export const SMOKE: BenchSizes = {
  ingest: { rows: 70, smallRows: 7, runs: 1, warmups: 0 },
  dispatch: { recipients: 300, runs: 1 },
  backlog: { small: 100, large: 1000, due: 100, runs: 1, databases: ['sqlite'] },
  scaleOut: { recipients: 200, runs: 1 },
};

/** The scenarios (the sizes above only change how many). */
export const SCENARIOS = {
  dispatch: { cap: 500, latencyMs: 20 },
  scaleOut: { cap: 5000, latencyMs: 100, maxInFlight: 20 },
} as const;
