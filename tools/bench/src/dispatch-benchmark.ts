import { openDatabase } from '@proactive-sms/persistence';
import { createTemporaryDatabase, type DatabaseKind } from '@proactive-sms/persistence/testing';
import { startMessageBirdSandbox } from '@proactive-sms/messagebird-sandbox';
import { ACCESS_KEY, SIGNING_KEY, residentMemory, scrapeMetrics, sleep, startApp, type AppProcess } from './processes';
import { addRecipients, seedCampaign, statesOf } from './seed';
import { round, sustainedRate, type Progress } from './stats';

export type DispatchScenario = {
  kind: DatabaseKind;
  recipients: number;
  processes: number;
  /** The sandbox's cap (POST /messages per sliding second) and the dispatchers' MESSAGEBIRD_MAX_RPS. */
  cap: number;
  latencyMs: number;
  /** DISPATCH_MAX_IN_FLIGHT; the dispatcher's default when absent. */
  maxInFlight?: number;
  /** Acceptance → signed delivery report to the dispatcher (the sandbox's default: 50 ms). */
  reportDelayMs?: number;
  /** Node options for the dispatcher processes (none: as `npm run start:dispatcher` starts it). */
  nodeArgs?: string[];
};

export type DispatchRun = {
  sendsPerSecond: number;
  /** Peak resident memory of each dispatcher (VmHWM). */
  peakRssMb: number[];
  /** First to last acceptance, start-up and tail included. */
  overallPerSecond: number;
  accepted: number;
  refused429: number;
  /** References the sandbox received more than once (must be 0). */
  duplicates: number;
  seconds: number;
  states: Record<string, number>;
  /** From each dispatcher's /metrics at the end: its claims, their mean time and size, the pacer's holds. */
  claims: { count: number; meanMs: number; recipientsPerClaim: number; pacerDelaySeconds: number }[];
};

/** Dispatcher settings every benchmark shares: any hour of the day is inside the legal window. */
export const DISPATCHER_ENV = {
  MESSAGEBIRD_ACCESS_KEY: ACCESS_KEY,
  MESSAGEBIRD_SIGNING_KEY: SIGNING_KEY,
  LEGAL_WINDOW: '00:00-24:00',
  DISPATCH_INTERVAL_MS: '1000',
};

/**
 * Real dispatcher processes against the MessageBird sandbox: every recipient is due when the dispatchers
 * are up; the sandbox counts acceptances over time, its 429s and any reference received twice.
 */
export async function runDispatch(scenario: DispatchScenario): Promise<DispatchRun> {
  const database = await createTemporaryDatabase(scenario.kind);
  const orm = await openDatabase(database.target);
  const sandbox = await startMessageBirdSandbox({
    port: 0,
    accessKey: ACCESS_KEY,
    signingKey: SIGNING_KEY,
    latencyMs: scenario.latencyMs,
    rateCap: scenario.cap,
    ...(scenario.reportDelayMs !== undefined ? { reportDelayMs: scenario.reportDelayMs } : {}),
  });
  const dispatchers: AppProcess[] = [];
  try {
    const seeded = await seedCampaign(orm, { messagesPerSecond: scenario.cap * 2 });
    for (let i = 0; i < scenario.processes; i += 1) {
      dispatchers.push(
        await startApp(
          'dispatcher',
          {
            ...DISPATCHER_ENV,
            DATABASE_URL: database.url,
            MESSAGEBIRD_SANDBOX_URL: sandbox.url,
            MESSAGEBIRD_MAX_RPS: String(scenario.cap),
            DISPATCHER_ID: `bench-${i + 1}`,
            ...(scenario.maxInFlight ? { DISPATCH_MAX_IN_FLIGHT: String(scenario.maxInFlight) } : {}),
          },
          { nodeArgs: scenario.nodeArgs },
        ),
      );
    }
    // Due from now on, once every dispatcher is up: each picks them up at its next tick.
    await addRecipients(orm, scenario.kind, seeded, {
      count: scenario.recipients,
      firstDueAt: new Date(Date.now() - 1000),
      spacingMs: 0,
      phoneBase: 5_550_000_000,
    });
    const started = performance.now();
    const progress: Progress = [{ atMs: 0, count: 0 }];
    const deadline = started + (scenario.recipients / Math.min(scenario.cap, 100)) * 1000 + 60_000;
    while (sandbox.stats().accepted < scenario.recipients && performance.now() < deadline) {
      await sleep(100);
      progress.push({ atMs: performance.now() - started, count: sandbox.stats().accepted });
    }
    const stats = sandbox.stats();
    const references = sandbox.messages().map((message) => message.reference);
    const accepted = progress.filter((point) => point.count > 0);
    const first = accepted[0]?.atMs ?? 0;
    const last = progress[progress.length - 1]!.atMs;
    const memory = await Promise.all(dispatchers.map((dispatcher) => residentMemory(dispatcher.pid)));
    const claims = await Promise.all(
      dispatchers.map(async (dispatcher) => {
        const metrics = await scrapeMetrics(dispatcher.url);
        const count = metrics.get('proactive_sms_claim_duration_seconds_count') ?? 0;
        return {
          count,
          meanMs: round(
            ((metrics.get('proactive_sms_claim_duration_seconds_sum') ?? 0) / Math.max(1, count)) * 1000,
            2,
          ),
          recipientsPerClaim: round(
            (metrics.get('proactive_sms_claimed_recipients_total') ?? 0) / Math.max(1, count),
            1,
          ),
          pacerDelaySeconds: round(metrics.get('proactive_sms_pacer_delay_seconds_total') ?? 0, 3),
        };
      }),
    );
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    dispatchers.length = 0;
    return {
      sendsPerSecond: round(sustainedRate(progress, scenario.recipients), 1),
      peakRssMb: memory.map((usage) => round(usage?.peakMb ?? Number.NaN, 1)),
      overallPerSecond: round(stats.accepted / ((last - first) / 1000), 1),
      accepted: stats.accepted,
      refused429: stats.refused429,
      duplicates: references.length - new Set(references).size,
      seconds: round((performance.now() - started) / 1000, 1),
      states: await statesOf(orm, seeded.campaignId),
      claims,
    };
  } finally {
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    await sandbox.stop();
    await orm.close(true);
    await database.drop();
  }
}
