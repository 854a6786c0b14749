import type { MikroORM } from '@mikro-orm/core';
import { openDatabase } from '@proactive-sms/persistence';
import { createTemporaryDatabase, type DatabaseKind, type TemporaryDatabase } from '@proactive-sms/persistence/testing';
import { startMessageBirdSandbox } from '@proactive-sms/messagebird-sandbox';
import { DISPATCHER_ENV } from './dispatch-benchmark';
import { ACCESS_KEY, SIGNING_KEY, residentMemory, scrapeMetrics, sleep, startApp } from './processes';
import { addRecipients, seedCampaign } from './seed';
import { median, round } from './stats';

const DAY_MS = 86_400_000;

/** A database holding a backlog of recipients due in the future, and a campaign whose recipients are due now. */
type Backlog = {
  size: number;
  database: TemporaryDatabase;
  orm: MikroORM;
  seedSeconds: number;
  nextPhone: number;
};

export type BacklogRun = {
  /** Median over scrape windows of (claim time ÷ claims) while the due recipients were being sent. */
  busyClaimMs: number;
  /** The same once everything due was sent: ticks that find nothing due. */
  idleClaimMs: number;
  claims: number;
  /** The dispatcher's peak resident memory (VmHWM) over the run. */
  peakRssMb: number;
};

async function seedBacklog(kind: DatabaseKind, size: number): Promise<Backlog> {
  const started = performance.now();
  const database = await createTemporaryDatabase(kind);
  const orm = await openDatabase(database.target);
  const future = await seedCampaign(orm, { messagesPerSecond: 1000 });
  // A week ahead, one a second apart and more: never due while the benchmark runs.
  await addRecipients(orm, kind, future, {
    count: size,
    firstDueAt: new Date(Date.now() + 7 * DAY_MS),
    spacingMs: 1000,
    phoneBase: 5_500_000_000,
  });
  return {
    size,
    database,
    orm,
    seedSeconds: round((performance.now() - started) / 1000, 1),
    nextPhone: 5_600_000_000,
  };
}

/**
 * One dispatcher process against the backlog: `due` recipients become due, are sent to the sandbox (20 ms
 * latency, no cap, signed reports back), then the dispatcher keeps ticking with nothing due — the issue's
 * "one tick with the backlog due in the future". Its /metrics give the claim latency of both phases,
 * /proc its peak memory over both.
 */
async function runOnce(backlog: Backlog, kind: DatabaseKind, due: number): Promise<BacklogRun> {
  const sandbox = await startMessageBirdSandbox({
    port: 0,
    accessKey: ACCESS_KEY,
    signingKey: SIGNING_KEY,
    latencyMs: 20,
  });
  // A campaign of its own each run: the last one completed once everything in it was sent.
  const dueCampaign = await seedCampaign(backlog.orm, { messagesPerSecond: 1000 });
  await addRecipients(backlog.orm, kind, dueCampaign, {
    count: due,
    firstDueAt: new Date(Date.now() - 1000),
    spacingMs: 0,
    phoneBase: backlog.nextPhone,
  });
  backlog.nextPhone += due;
  const dispatcher = await startApp('dispatcher', {
    ...DISPATCHER_ENV,
    DATABASE_URL: backlog.database.url,
    MESSAGEBIRD_SANDBOX_URL: sandbox.url,
    MESSAGEBIRD_MAX_RPS: '500',
    // Five ticks a second: enough claims with nothing due to take a median from.
    DISPATCH_INTERVAL_MS: '200',
  });
  try {
    type Sample = { sum: number; count: number };
    const read = async (): Promise<Sample> => {
      const metrics = await scrapeMetrics(dispatcher.url);
      return {
        sum: metrics.get('proactive_sms_claim_duration_seconds_sum') ?? 0,
        count: metrics.get('proactive_sms_claim_duration_seconds_count') ?? 0,
      };
    };
    // The claims of each scrape window, averaged; the median over the windows. When the phase was shorter
    // than a window (tiny sizes), the phase as a whole, and at worst every claim since the start.
    const perClaim = (samples: Sample[]): number[] => {
      const deltas = samples
        .slice(1)
        .map((sample, i) => ({ sum: sample.sum - samples[i]!.sum, count: sample.count - samples[i]!.count }));
      const windows = deltas.filter((delta) => delta.count > 0).map((delta) => (delta.sum / delta.count) * 1000);
      if (windows.length > 0) return windows;
      const last = samples[samples.length - 1]!;
      return last.count > 0 ? [(last.sum / last.count) * 1000] : [];
    };
    const busy: Sample[] = [await read()];
    const deadline = Date.now() + (due / 100) * 1000 + 60_000;
    while (sandbox.stats().accepted < due && Date.now() < deadline) {
      await sleep(250);
      busy.push(await read());
    }
    // Let the last outcomes and reports settle, then watch ticks that find nothing due.
    await sleep(1000);
    const idle: Sample[] = [await read()];
    for (let i = 0; i < 10; i += 1) {
      await sleep(500);
      idle.push(await read());
    }
    const memory = await residentMemory(dispatcher.pid);
    return {
      busyClaimMs: round(median(perClaim(busy)), 2),
      idleClaimMs: round(median(perClaim(idle)), 2),
      claims: idle[idle.length - 1]!.count,
      peakRssMb: round(memory?.peakMb ?? Number.NaN, 1),
    };
  } finally {
    await dispatcher.stop();
    await sandbox.stop();
  }
}

export type BacklogResult = {
  /** A tick's claim when everything waiting is due later (the case), large ÷ small backlog. */
  ratio: number;
  /** The same while due recipients are being sent: mostly time spent waiting for the database connection. */
  busyRatio: number;
  dispatcherRssMb: number;
  raw: {
    database: DatabaseKind;
    small: number;
    large: number;
    due: number;
    runs: number;
    smallBusyClaimMs: number;
    largeBusyClaimMs: number;
    smallIdleClaimMs: number;
    largeIdleClaimMs: number;
    seedSeconds: { small: number; large: number };
    smallRuns: BacklogRun[];
    largeRuns: BacklogRun[];
  };
};

/** The same dispatcher, the same due recipients, over a small and a large backlog, run by run in turn. */
export async function runBacklog(options: {
  kind: DatabaseKind;
  small: number;
  large: number;
  due: number;
  runs: number;
}): Promise<BacklogResult> {
  const small = await seedBacklog(options.kind, options.small);
  let large: Backlog | null = null;
  try {
    large = await seedBacklog(options.kind, options.large);
    const smallRuns: BacklogRun[] = [];
    const largeRuns: BacklogRun[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      smallRuns.push(await runOnce(small, options.kind, options.due));
      largeRuns.push(await runOnce(large, options.kind, options.due));
    }
    const smallBusy = median(smallRuns.map((run) => run.busyClaimMs));
    const largeBusy = median(largeRuns.map((run) => run.busyClaimMs));
    const smallIdle = median(smallRuns.map((run) => run.idleClaimMs));
    const largeIdle = median(largeRuns.map((run) => run.idleClaimMs));
    return {
      ratio: round(largeIdle / smallIdle),
      busyRatio: round(largeBusy / smallBusy),
      dispatcherRssMb: round(median(largeRuns.map((run) => run.peakRssMb)), 1),
      raw: {
        database: options.kind,
        small: options.small,
        large: options.large,
        due: options.due,
        runs: options.runs,
        smallBusyClaimMs: smallBusy,
        largeBusyClaimMs: largeBusy,
        smallIdleClaimMs: smallIdle,
        largeIdleClaimMs: largeIdle,
        seedSeconds: { small: small.seedSeconds, large: large.seedSeconds },
        smallRuns,
        largeRuns,
      },
    };
  } finally {
    for (const backlog of [small, large]) {
      if (!backlog) continue;
      await backlog.orm.close(true);
      await backlog.database.drop();
    }
  }
}
