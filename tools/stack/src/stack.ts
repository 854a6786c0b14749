// Runs the product's processes: the campaign service first (it applies the migrations), then the
// dispatcher and the Slack bot sharing its database, and — on the embedded default — the MessageBird and
// Slack sandboxes beside them. `npm start` and `npm run demo` both start the stack with this.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { type SimulatedClock, simulatedClockEnvironment } from '@proactive-sms/domain';
import type { Ports } from './stack-plan';

export const ROOT = path.resolve(__dirname, '../../..');

/** The sandbox sender number and Messaging Answer seeded on the embedded default. */
export const SEEDED_SENDER = { number: '+14155550100', label: 'Support (sandbox)', inboxChannelId: 'C0INBOX' };
export const SEEDED_ANSWER = {
  name: 'Order update',
  language: 'en',
  body: 'Hi {{first_name}}, your order ships tomorrow. Reply STOP to opt out.',
  defaultFirstName: 'there',
};
const SANDBOX_ACCESS_KEY = 'test_sandbox_access_key';
const SANDBOX_SIGNING_KEY = 'sandbox_signing_key';
const SANDBOX_BOT_TOKEN = 'xoxb-sandbox-token';

export interface StackOptions {
  ports: Ports;
  /** Sandboxes for Slack and MessageBird, and the seeds. */
  sandbox: boolean;
  /** Generated secrets (service token, the sandbox's signing secret) are kept here across restarts. */
  dataDir: string;
  /** The environment the apps inherit (process.env with .env read in). */
  env: NodeJS.ProcessEnv;
  /** Settings for every app on top of `env`, e.g. DATABASE_URL for a separate database. */
  overrides?: Record<string, string>;
  /** One simulated clock for every app (sandbox only). */
  clock?: SimulatedClock | null;
  /** Where each app's log lines go (default: stdout, prefixed with the app's name). */
  log?: (app: string, line: string) => void;
}

export interface RunningStack {
  ports: Ports;
  urls: {
    service: string;
    dispatcher: string;
    /** Where Slack sends commands, interactivity and events. */
    slackEvents: string;
    messagebirdSandbox: string | null;
    slackSandbox: string | null;
  };
  serviceToken: string;
  /** The secret the Slack sandbox's requests must be signed with (sandbox only). */
  slackSigningSecret: string | null;
  /** Resolves when an app exits without being asked to: the stack is no longer whole. */
  readonly failed: Promise<{ app: string; code: number | string | null }>;
  stop(): Promise<void>;
}

interface AppProcess {
  name: string;
  main: string;
  env: Record<string, string>;
  health: string;
}

/** A secret kept in dataDir across restarts, so that a client configured once keeps working. */
export function localSecret(dataDir: string, name: string, bytes = 24): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(bytes).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { ports, sandbox, dataDir, env } = options;
  mkdirSync(dataDir, { recursive: true });
  const log = options.log ?? ((app: string, line: string) => console.log(`[${app}] ${line}`));
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const serviceToken = env['SERVICE_TOKEN']?.trim() || localSecret(dataDir, 'service-token');
  const slackSigningSecret = sandbox ? localSecret(dataDir, 'slack-signing-secret', 16) : null;
  const clockEnv = options.clock ? simulatedClockEnvironment(options.clock) : {};
  const common = { ...(options.overrides ?? {}), ...clockEnv };

  const messageBird: Record<string, string> = sandbox
    ? {
        MESSAGEBIRD_ACCESS_KEY: SANDBOX_ACCESS_KEY,
        MESSAGEBIRD_SIGNING_KEY: SANDBOX_SIGNING_KEY,
        MESSAGEBIRD_SANDBOX_URL: local(ports.messagebird),
      }
    : {};
  const slack: Record<string, string> = sandbox
    ? {
        SLACK_BOT_TOKEN: SANDBOX_BOT_TOKEN,
        SLACK_SIGNING_SECRET: slackSigningSecret!,
        SLACK_API_URL: `${local(ports.slack)}/api/`,
        ADMIN_SLACK_USER_IDS: env['ADMIN_SLACK_USER_IDS']?.trim() || 'U0ADMIN',
      }
    : {};
  const sandboxes: AppProcess[] = sandbox
    ? [
        {
          name: 'messagebird-sandbox',
          main: 'tools/messagebird-sandbox/src/main.ts',
          env: { PORT: String(ports.messagebird), ...messageBird, DISPATCHER_URL: local(ports.dispatcher) },
          health: `${local(ports.messagebird)}/__sandbox/health`,
        },
        {
          name: 'slack-sandbox',
          main: 'tools/slack-sandbox/src/main.ts',
          env: { PORT: String(ports.slack), SLACK_BOT_TOKEN: SANDBOX_BOT_TOKEN },
          health: `${local(ports.slack)}/__sandbox/views`,
        },
      ]
    : [];
  const service: AppProcess = {
    name: 'campaign-service',
    main: 'apps/campaign-service/src/main.ts',
    env: { ...common, PORT: String(ports.service), SERVICE_TOKEN: serviceToken },
    health: `${local(ports.service)}/health`,
  };
  const sharing: AppProcess[] = [
    {
      name: 'dispatcher',
      main: 'apps/dispatcher/src/main.ts',
      env: { ...common, PORT: String(ports.dispatcher), ...messageBird },
      health: `${local(ports.dispatcher)}/health`,
    },
    {
      name: 'slack-bot',
      main: 'apps/slack-bot/src/main.ts',
      env: {
        ...common,
        PORT: String(ports.bot),
        SERVICE_TOKEN: serviceToken,
        CAMPAIGN_SERVICE_URL: local(ports.service),
        ...slack,
      },
      health: `${local(ports.bot)}/health`,
    },
  ];

  const children: ChildProcess[] = [];
  let stopping = false;
  let reportFailure: (failure: { app: string; code: number | string | null }) => void = () => undefined;
  const failed = new Promise<{ app: string; code: number | string | null }>((resolve) => {
    reportFailure = resolve;
  });

  const launch = (app: AppProcess): ChildProcess => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, app.main)], {
      cwd: ROOT,
      env: { ...env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...app.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => log(app.name, line));
    }
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(app.name, `exited (${signal ?? code})`);
      reportFailure({ app: app.name, code: signal ?? code });
    });
    children.push(child);
    return child;
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    const first = [...sandboxes, service];
    first.forEach(launch);
    await Promise.all(first.map((app) => waitForHealth(app, failed)));
    sharing.forEach(launch);
    await Promise.all(sharing.map((app) => waitForHealth(app, failed)));
    if (sandbox) await seed(local(ports.service), serviceToken, log);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    ports,
    urls: {
      service: local(ports.service),
      dispatcher: local(ports.dispatcher),
      slackEvents: `${local(ports.bot)}/slack/events`,
      messagebirdSandbox: sandbox ? local(ports.messagebird) : null,
      slackSandbox: sandbox ? local(ports.slack) : null,
    },
    serviceToken,
    slackSigningSecret,
    failed,
    stop,
  };
}

async function waitForHealth(app: AppProcess, failed: Promise<{ app: string }>): Promise<void> {
  let exited: string | null = null;
  void failed.then((failure) => {
    exited = failure.app;
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${exited} stopped while the stack was starting (its log above says why)`);
    try {
      if ((await fetch(app.health)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app.name} did not answer ${app.health} within 2 minutes`);
}

/** One SMS-capable sender number and one Messaging Answer, unless there already are some. */
async function seed(serviceUrl: string, token: string, log: (app: string, line: string) => void): Promise<void> {
  const call = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${serviceUrl}${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'X-Actor': 'system:start', 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`seeding: ${method} ${route} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  const numbers = await call('GET', '/sender-numbers?smsCapable=true');
  if (Array.isArray(numbers) && numbers.length === 0) {
    await call('POST', '/sender-numbers', { ...SEEDED_SENDER, messagesPerSecond: 1 });
    log('start', `seeded sender number ${SEEDED_SENDER.number}, replies to channel ${SEEDED_SENDER.inboxChannelId}`);
  }
  const answers = await call('GET', `/answers?language=${SEEDED_ANSWER.language}`);
  if (Array.isArray(answers) && answers.length === 0) {
    await call('POST', '/answers', SEEDED_ANSWER);
    log('start', `seeded the Messaging Answer "${SEEDED_ANSWER.name}" (${SEEDED_ANSWER.language})`);
  }
}

/** Reads KEY=VALUE lines from a .env file into `env`, without overriding what is already set. */
export function loadDotEnv(file: string, env: NodeJS.ProcessEnv): void {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || env[match[1]!] !== undefined) continue;
    const raw = match[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    env[match[1]!] = quoted ? quoted[2]! : raw.replace(/\s+#.*$/, '');
  }
}
