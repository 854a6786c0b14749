// The stack the story runs on: the same processes `npm start` runs on its embedded default (sandboxes,
// seeds), on free ports, with its own database and one simulated clock for every app.
import type { SimulatedClock } from '@proactive-sms/domain';
import { freePorts, type RunningStack, startStack } from '@proactive-sms/stack';
import { DIGEST_TIME, ORG_TIMEZONE, simulatedStart } from './story-plan';

export interface DemoStack {
  stack: RunningStack;
  clock: SimulatedClock;
}

export async function startDemoStack(options: {
  /** sqlite:<file> or postgresql://… */
  databaseUrl: string;
  dataDir: string;
  /** Simulated milliseconds per real one. */
  rate: number;
  env: NodeJS.ProcessEnv;
  log: (app: string, line: string) => void;
}): Promise<DemoStack> {
  const clock: SimulatedClock = {
    startMs: simulatedStart(new Date()).toMillis(),
    anchorMs: Date.now(),
    rate: options.rate,
  };
  const stack = await startStack({
    ports: await freePorts(),
    sandbox: true,
    dataDir: options.dataDir,
    env: withoutCredentials(options.env),
    clock,
    overrides: demoSettings(options.databaseUrl),
    log: options.log,
  });
  return { stack, clock };
}

/**
 * On top of the embedded default: the story's database, the digest at DIGEST_TIME Los Angeles time, and
 * ticks frequent enough for a fast clock (at 720× a 100 ms tick is 72 simulated seconds, so a text leaves
 * within about a minute of its window opening).
 */
function demoSettings(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ORG_TIMEZONE,
    DIGEST_TIME,
    DISPATCH_INTERVAL_MS: '100',
    OUTBOX_POLL_MS: '200',
  };
}

/** The story never reaches a real Slack or MessageBird, or your database, whatever .env says. */
function withoutCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.keys(copy)) {
    if (
      /^(SLACK_|MESSAGEBIRD_|SIMULATED_CLOCK_|DATABASE_URL$|PUBLIC_URL$|SERVICE_TOKEN$|ADMIN_SLACK_USER_IDS$)/.test(
        name,
      )
    ) {
      delete copy[name];
    }
  }
  return copy;
}

/** What the story needs to know of the stack. */
export function storyEndpoints(stack: RunningStack) {
  return {
    urls: {
      slackEvents: stack.urls.slackEvents,
      slackSandbox: stack.urls.slackSandbox!,
      messagebirdSandbox: stack.urls.messagebirdSandbox!,
      service: stack.urls.service,
    },
    signingSecret: stack.slackSigningSecret!,
    serviceToken: stack.serviceToken,
  };
}
