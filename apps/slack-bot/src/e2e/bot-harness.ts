// The whole loop for the bot's end-to-end tests: the REAL campaign service (a child process on a fresh
// SQLite file), the local Slack Web API (tools/slack-sandbox), the real Bolt bot pointed at it, and the
// signed driver. Nothing is mocked; free ports everywhere, so it runs beside the rest of the suite.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { openDatabase } from '@proactive-sms/persistence';
import { CampaignServiceClient } from '@proactive-sms/service-client';
import { SlackDriver, type SlackSandbox, startSlackSandbox } from '@proactive-sms/slack-sandbox';
import { BotConfig } from '../app/config/bot-config';
import { SlackBot } from '../app/slack-bot';
import { BotLogger } from '../app/support/logger';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789';
export const SERVICE_TOKEN = 'e2e-service-token-0123456789abcdef';
export const ADMIN = 'U0ADMIN';
export const MEMBER = 'U0MEMBER';

const ROOT = path.resolve(__dirname, '../../../..');

export type Harness = {
  sandbox: SlackSandbox;
  driver: SlackDriver;
  bot: SlackBot;
  /** The service as an admin script would use it (seeding, checking what was stored). */
  service: CampaignServiceClient;
  databaseFile: string;
  /** The service's database, opened in this process (for what only the dispatcher writes: the outbox). */
  database(): Promise<MikroORM>;
  stop(): Promise<void>;
};

export async function startHarness(
  env: Record<string, string> = {},
  options: { background?: boolean } = {},
): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'slack-bot-e2e-'));
  const databaseFile = path.join(dir, 'service.sqlite');
  const servicePort = await freePort();
  const serviceUrl = `http://127.0.0.1:${servicePort}`;
  const child = spawnService(servicePort, databaseFile);
  let sandbox: SlackSandbox | undefined;
  let bot: SlackBot | undefined;
  let orm: MikroORM | undefined;
  try {
    await waitForHealth(serviceUrl, child);
    sandbox = await startSlackSandbox();
    const config = BotConfig.fromEnvironment({
      SLACK_BOT_TOKEN: sandbox.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: sandbox.apiUrl,
      PORT: '0',
      CAMPAIGN_SERVICE_URL: serviceUrl,
      SERVICE_TOKEN,
      ADMIN_SLACK_USER_IDS: ADMIN,
      ADMINS_INCLUDE_WORKSPACE_ADMINS: 'true',
      OUTBOX_POLL_MS: '100',
      SLACK_API_RETRIES: '1',
      ...env,
    });
    bot = SlackBot.create(config, {
      background: options.background ?? true,
      // The sandbox does not time Slack's 3 s out; a loaded CI machine must not turn inline errors into posts.
      ackBudgetMs: 10_000,
      logger: process.env['SLACK_BOT_TEST_LOGS'] ? new BotLogger() : BotLogger.silent(),
    });
    const { port } = await bot.start();
    const driver = new SlackDriver({
      botUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      responseUrlBase: sandbox.url,
    });
    const started = { sandbox, bot };
    return {
      sandbox,
      driver,
      bot,
      service: new CampaignServiceClient({ baseUrl: serviceUrl, token: SERVICE_TOKEN }),
      databaseFile,
      database: async () => (orm ??= await openDatabase({ kind: 'sqlite', file: databaseFile })),
      stop: async () => {
        await started.bot.stop();
        await started.sandbox.stop();
        await orm?.close(true);
        await stopChild(child);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await bot?.stop().catch(() => undefined);
    await sandbox?.stop().catch(() => undefined);
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function spawnService(port: number, databaseFile: string): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/campaign-service/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? os.tmpdir(),
      SWC_NODE_PROJECT: 'tsconfig.base.json',
      PORT: String(port),
      SERVICE_TOKEN,
      DATABASE_URL: `sqlite:${databaseFile}`,
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      child.output.push(chunk.toString());
      if (child.output.length > 200) child.output.shift();
      if (process.env['SLACK_BOT_TEST_LOGS']) process.stderr.write(`[campaign-service] ${chunk.toString()}`);
    });
  }
  return child;
}

async function waitForHealth(url: string, child: ChildProcess & { output: string[] }): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the campaign service exited (${child.exitCode}):\n${child.output.join('')}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the campaign service did not answer /health within 60 s:\n${child.output.join('')}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for a condition the bot reaches after its ack (polling, no fixed sleep); fails with `what`. */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export { buttonsOf, messageText } from '@proactive-sms/slack-sandbox';
