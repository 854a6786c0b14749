#!/usr/bin/env node
// `npm start`: the product on its embedded default. Each app runs as its own process, its log lines
// prefixed with its name; Ctrl-C stops them all. Without MessageBird or Slack credentials the local
// sandboxes stand in for them, a local service token is generated, and one SMS-capable sender number and
// one Messaging Answer are seeded so that a campaign can be created at once.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, 'data');
mkdirSync(dataDir, { recursive: true });
loadDotEnv(path.join(root, '.env'));

/** A secret kept in ./data across restarts, so that clients configured once keep working. */
function localSecret(name, bytes = 24) {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(bytes).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const ports = {
  service: process.env.CAMPAIGN_SERVICE_PORT || '3100',
  dispatcher: process.env.DISPATCHER_PORT || '3200',
  bot: process.env.SLACK_BOT_PORT || '3000',
  messagebird: process.env.MESSAGEBIRD_SANDBOX_PORT || '3300',
  slack: process.env.SLACK_SANDBOX_PORT || '3400',
};
const realMessageBird = Boolean(process.env.MESSAGEBIRD_ACCESS_KEY);
const realSlack = Boolean(process.env.SLACK_BOT_TOKEN);
const serviceToken = process.env.SERVICE_TOKEN || localSecret('service-token');
const serviceUrl = `http://127.0.0.1:${ports.service}`;

const messageBird = realMessageBird
  ? {}
  : {
      MESSAGEBIRD_ACCESS_KEY: 'test_sandbox_access_key',
      MESSAGEBIRD_SIGNING_KEY: 'sandbox_signing_key',
      MESSAGEBIRD_SANDBOX_URL: `http://127.0.0.1:${ports.messagebird}`,
    };
const slack = realSlack
  ? {}
  : {
      SLACK_BOT_TOKEN: 'xoxb-sandbox-token',
      SLACK_SIGNING_SECRET: localSecret('slack-signing-secret', 16),
      SLACK_API_URL: `http://127.0.0.1:${ports.slack}/api/`,
      ADMIN_SLACK_USER_IDS: process.env.ADMIN_SLACK_USER_IDS || 'U0ADMIN',
    };

const apps = [
  !realMessageBird && {
    name: 'messagebird-sandbox',
    main: 'tools/messagebird-sandbox/src/main.ts',
    env: { PORT: ports.messagebird, ...messageBird, DISPATCHER_URL: `http://127.0.0.1:${ports.dispatcher}` },
  },
  !realSlack && {
    name: 'slack-sandbox',
    main: 'tools/slack-sandbox/src/main.ts',
    env: { PORT: ports.slack, SLACK_BOT_TOKEN: slack.SLACK_BOT_TOKEN },
  },
  {
    name: 'campaign-service',
    main: 'apps/campaign-service/src/main.ts',
    env: { PORT: ports.service, SERVICE_TOKEN: serviceToken },
  },
  { name: 'dispatcher', main: 'apps/dispatcher/src/main.ts', env: { PORT: ports.dispatcher, ...messageBird } },
  {
    name: 'slack-bot',
    main: 'apps/slack-bot/src/main.ts',
    env: { PORT: ports.bot, SERVICE_TOKEN: serviceToken, CAMPAIGN_SERVICE_URL: serviceUrl, ...slack },
  },
].filter(Boolean);

let stopping = false;
const children = [];

function launch(app) {
  // An app whose issue is not done yet has a placeholder main that says so.
  if (readFileSync(path.join(root, app.main), 'utf8').includes('not built yet')) {
    console.log(`[${app.name}] not built yet`);
    return;
  }
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, app.main)], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...app.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${app.name}] ${line}`));
  }
  child.on('exit', (code, signal) => {
    console.log(`[${app.name}] exited (${signal || code})`);
    if (!stopping) stopAll(code || 1);
  });
  children.push(child);
}

// The service applies the database migrations; the apps sharing its database start once it is healthy.
const first = apps.filter((app) => !['dispatcher', 'slack-bot'].includes(app.name));
const then = apps.filter((app) => ['dispatcher', 'slack-bot'].includes(app.name));
first.forEach(launch);

function stopAll(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

void (async () => {
  if (!(await waitForHealth(`${serviceUrl}/health`))) return;
  then.forEach(launch);
  if (!realMessageBird || !realSlack) await seed();
  console.log(`
Proactive SMS is running${realMessageBird && realSlack ? '' : ' on its embedded default (local sandboxes)'}:
  campaign service   ${serviceUrl}   (token in data/service-token; API doc: curl -H "Authorization: Bearer $(cat data/service-token)" ${serviceUrl}/docs)
  dispatcher         http://127.0.0.1:${ports.dispatcher}   (MessageBird webhooks at /webhooks/messagebird/…)
  slack bot          http://127.0.0.1:${ports.bot}/slack/events${
    realMessageBird
      ? ''
      : `
  MessageBird sandbox http://127.0.0.1:${ports.messagebird}   (every SMS sent: /__sandbox/messages)`
  }${
    realSlack
      ? ''
      : `
  Slack sandbox      http://127.0.0.1:${ports.slack}   (every Slack call: /__sandbox/calls)`
  }
Try it: the worked example in apps/campaign-service/README.md creates a campaign and a list; the
dispatcher texts the recipients at their local window opening, and the MessageBird sandbox shows them.
`);
})();

async function waitForHealth(url) {
  for (let i = 0; i < 120 && !stopping; i += 1) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** One SMS-capable sender number and one Messaging Answer, unless there already are some. */
async function seed() {
  const call = (method, route, body) =>
    fetch(`${serviceUrl}${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${serviceToken}`,
        'X-Actor': 'system:start',
        'Content-Type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    }).then((response) => response.json());
  const numbers = await call('GET', '/sender-numbers?smsCapable=true');
  if (Array.isArray(numbers) && numbers.length === 0) {
    await call('POST', '/sender-numbers', {
      number: '+1 415 555 0100',
      label: 'Support (sandbox)',
      inboxChannelId: 'C0INBOX',
      messagesPerSecond: 1,
    });
    console.log('[start] seeded sender number +14155550100, replies to channel C0INBOX');
  }
  const answers = await call('GET', '/answers?language=en');
  if (Array.isArray(answers) && answers.length === 0) {
    await call('POST', '/answers', {
      name: 'Order update',
      language: 'en',
      body: 'Hi {{first_name}}, your order ships tomorrow. Reply STOP to opt out.',
      defaultFirstName: 'there',
    });
    console.log('[start] seeded the Messaging Answer "Order update" (en)');
  }
}

/** Reads KEY=VALUE lines from .env (without overriding the real environment). */
function loadDotEnv(file) {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
}
