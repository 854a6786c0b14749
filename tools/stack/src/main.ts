// `npm start`: the product. With no credentials it runs on its embedded default (SQLite in ./data, the
// MessageBird and Slack sandboxes beside the apps, a generated service token, a seeded sender number and
// Messaging Answer); with the credentials of .env.example it runs against the real Slack and MessageBird.
// Each app is its own process, its log lines prefixed with its name; Ctrl-C stops them all.
import path from 'node:path';
import { planStack } from './stack-plan';
import { loadDotEnv, ROOT, type RunningStack, SEEDED_SENDER, startStack } from './stack';

async function main(): Promise<number> {
  const env = { ...process.env };
  loadDotEnv(path.join(ROOT, '.env'), env);
  const plan = planStack(env);
  for (const warning of plan.warnings) console.warn(`[start] warning: ${warning}`);
  if (plan.problems.length > 0) {
    const because = plan.realBecause ? ` — ${plan.realBecause}` : '';
    console.error(`[start] Proactive SMS cannot start${because}:\n${plan.problems.map((p) => `  - ${p}`).join('\n')}`);
    console.error('[start] See .env.example and the Configuration section of README.md.');
    return 1;
  }

  let stack: RunningStack | null = null;
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void (stack?.stop() ?? Promise.resolve()).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  try {
    stack = await startStack({ ports: plan.ports, sandbox: plan.sandbox, dataDir: path.join(ROOT, 'data'), env });
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    return 1;
  }
  void stack.failed.then(({ app }) => {
    console.error(`[start] ${app} stopped: stopping the others`);
    stop(1);
  });
  console.log(describe(stack, plan.sandbox));
  return new Promise<number>(() => undefined); // runs until Ctrl-C
}

function describe(stack: RunningStack, sandbox: boolean): string {
  const { urls } = stack;
  const lines = [
    '',
    `Proactive SMS is running${sandbox ? ' on its embedded default (local sandboxes, SQLite unless DATABASE_URL is set)' : ''}:`,
    `  campaign service    ${urls.service}   API doc: curl -H "Authorization: Bearer $(cat data/service-token)" ${urls.service}/docs`,
    `  dispatcher          ${urls.dispatcher}   MessageBird webhooks: /webhooks/messagebird/status and /webhooks/messagebird/inbound`,
    `  slack bot           ${urls.slackEvents}   (Slack's request URL for commands, interactivity and events)`,
  ];
  if (sandbox) {
    lines.push(
      `  MessageBird sandbox ${urls.messagebirdSandbox}   every SMS sent: ${urls.messagebirdSandbox}/__sandbox/messages`,
      `  Slack sandbox       ${urls.slackSandbox}   every Slack call: ${urls.slackSandbox}/__sandbox/calls`,
      '',
      `Seeded: sender number ${SEEDED_SENDER.number} (replies to #sms-inbox) and the Messaging Answer "Order update".`,
      'Try it: `npm run demo` in another terminal plays the whole story (a campaign created in the /sms-campaign',
      "modal, a CSV with mistakes and its error log, texts at each recipient's window opening, STOP, a reply, the",
      'digest) on its own copy of this stack with a fast clock. To drive this one yourself, follow the worked',
      "example in apps/campaign-service/README.md and watch the sandboxes' record endpoints above.",
    );
  } else {
    lines.push(
      '',
      'Running for real: install the Slack app from apps/slack-bot/manifest.yml and point MessageBird at PUBLIC_URL.',
    );
  }
  return lines.join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
