import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { DEFAULT_LEGAL_WINDOW, type LegalWindow } from '@proactive-sms/domain';
import { createTemporaryDatabase, type DatabaseKind, type TemporaryDatabase } from '@proactive-sms/persistence/testing';
import { Clock } from '../app/clock';
import { DispatcherConfig } from '../app/config/dispatcher-config';
import { createDispatcher } from '../app/create-dispatcher';
import { DispatchService } from '../app/dispatch/dispatch.service';
import {
  type MessageBirdSandbox,
  type SandboxOptions,
  startMessageBirdSandbox,
} from '@proactive-sms/messagebird-sandbox';
import { ACCESS_KEY, SIGNING_KEY, SimulatedClock } from './dispatch-fixtures';

export type DispatcherHarness = {
  app: INestApplication;
  orm: MikroORM;
  dispatch: DispatchService;
  clock: Clock;
  config: DispatcherConfig;
  url: string;
  close(): Promise<void>;
  /** Ticks until no recipient of an active campaign is waiting or in flight. */
  runUntilSettled(advanceMs?: number, rounds?: number): Promise<void>;
};

/**
 * The real dispatcher in this process, ticks driven by the test, time simulated, sending through the real
 * `messagebird` package routed to the sandbox at `sandboxUrl`.
 */
export async function startDispatcher(
  database: TemporaryDatabase,
  sandboxUrl: string,
  options: {
    now?: string;
    legalWindow?: LegalWindow;
    maxRps?: number;
    maxInFlight?: number;
    id?: string;
    accessKey?: string;
  },
): Promise<DispatcherHarness> {
  // Without `now` the clock is real (rate limits are judged by the sandbox in real time).
  const clock = options.now ? new SimulatedClock(new Date(options.now).getTime()) : new Clock();
  const env = {
    PORT: '0',
    DATABASE_URL: database.url,
    MESSAGEBIRD_ACCESS_KEY: options.accessKey ?? ACCESS_KEY,
    MESSAGEBIRD_SIGNING_KEY: SIGNING_KEY,
    MESSAGEBIRD_SANDBOX_URL: sandboxUrl,
    MESSAGEBIRD_MAX_RPS: String(options.maxRps ?? 5000),
    DISPATCH_MAX_IN_FLIGHT: String(options.maxInFlight ?? 50),
    DISPATCH_INTERVAL_MS: '1000',
    MESSAGEBIRD_TIMEOUT_MS: '2000',
    DISPATCHER_ID: options.id ?? 'test-dispatcher',
  };
  const base = DispatcherConfig.fromEnvironment(env);
  // The public URL is only known once the app listens; the config is rebuilt with it.
  const app = await createDispatcher(base, {
    clock,
    ticks: false,
    logger: process.env['DISPATCHER_TEST_LOGS'] ? ['error', 'warn', 'log'] : false,
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const config = app.get(DispatcherConfig);
  Object.assign(config, { publicUrl: url, legalWindow: options.legalWindow ?? DEFAULT_LEGAL_WINDOW });
  const orm = app.get(MikroORM);
  const dispatch = app.get(DispatchService);
  return {
    app,
    orm,
    dispatch,
    clock,
    config,
    url,
    close: () => app.close(),
    runUntilSettled: async (advanceMs = 0, rounds = 600) => {
      for (let round = 0; round < rounds; round += 1) {
        await dispatch.tick();
        await dispatch.drain();
        const [open] = await orm.em
          .fork()
          .getConnection()
          .execute<{ n: number | string }[]>(
            `select count(*) as n from recipients r join campaigns c on c.id = r.campaign_id
            where c.status = 'active' and (r.state = 'sending' or (r.state = 'pending' and r.due_at is not null))`,
          );
        if (Number((open as { n: number | string }).n) === 0) return;
        if (clock instanceof SimulatedClock) clock.advance(advanceMs || 1000);
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('recipients still waiting after all rounds');
    },
  };
}

export async function withDatabase<T>(
  kind: DatabaseKind,
  work: (database: TemporaryDatabase) => Promise<T>,
): Promise<T> {
  const database = await createTemporaryDatabase(kind);
  try {
    return await work(database);
  } finally {
    await database.drop();
  }
}

/** The MessageBird sandbox on a free port with the keys the test dispatcher uses. */
export function startTestSandbox(
  options: Omit<SandboxOptions, 'port' | 'accessKey' | 'signingKey'>,
): Promise<MessageBirdSandbox> {
  return startMessageBirdSandbox({ port: 0, accessKey: ACCESS_KEY, signingKey: SIGNING_KEY, ...options });
}
