// What `npm start` will run, decided from the environment before anything starts: the embedded default
// (local sandboxes, seeds) when no credential is set, the real Slack and MessageBird when they all are.
// Anything in between stops the start with a message naming the variable. Each app still checks the
// format of its own settings when it starts (and stops, naming the variable, when one is wrong).

export type Ports = { service: number; dispatcher: number; bot: number; messagebird: number; slack: number };

export interface StackPlan {
  /** Local sandboxes stand in for Slack and MessageBird, a sender number and an answer are seeded. */
  sandbox: boolean;
  ports: Ports;
  /** Each stops the start. */
  problems: string[];
  /** Printed, not fatal. */
  warnings: string[];
  /** Why it runs for real (which credentials are set), said once above the problems. */
  realBecause: string | null;
}

const PORT_VARIABLES: Record<keyof Ports, [string, number]> = {
  service: ['CAMPAIGN_SERVICE_PORT', 3100],
  dispatcher: ['DISPATCHER_PORT', 3200],
  bot: ['SLACK_BOT_PORT', 3000],
  messagebird: ['MESSAGEBIRD_SANDBOX_PORT', 3300],
  slack: ['SLACK_SANDBOX_PORT', 3400],
};

/** Setting any of these means "run for real". */
export const CREDENTIAL_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MESSAGEBIRD_ACCESS_KEY',
  'MESSAGEBIRD_SIGNING_KEY',
] as const;

export function planStack(env: Readonly<Record<string, string | undefined>>): StackPlan {
  const problems: string[] = [];
  const warnings: string[] = [];
  const value = (name: string): string => env[name]?.trim() ?? '';

  const ports = {} as Ports;
  const taken = new Map<number, string>();
  for (const [app, [name, fallback]] of Object.entries(PORT_VARIABLES) as [keyof Ports, [string, number]][]) {
    const raw = value(name);
    const port = raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(`${name} "${raw}" must be a port number from 1 to 65535`);
    } else if (taken.has(port)) {
      problems.push(`${name} ${port} is already ${taken.get(port)}: each app needs its own port`);
    }
    taken.set(port, name);
    ports[app] = port;
  }

  const setCredentials = CREDENTIAL_VARIABLES.filter((name) => value(name) !== '');
  const sandbox = setCredentials.length === 0;
  if (!sandbox) {
    const missing = (name: string, what: string) => problems.push(`${name} is missing: ${what}`);
    if (!value('SLACK_BOT_TOKEN'))
      missing('SLACK_BOT_TOKEN', 'the bot token (xoxb-…) from the Slack app’s "OAuth & Permissions"');
    if (!value('SLACK_SIGNING_SECRET') && !value('SLACK_APP_TOKEN')) {
      missing('SLACK_SIGNING_SECRET', 'the signing secret from the Slack app’s "Basic Information"');
    }
    if (!value('MESSAGEBIRD_ACCESS_KEY'))
      missing('MESSAGEBIRD_ACCESS_KEY', 'a live access key from the MessageBird dashboard');
    if (!value('MESSAGEBIRD_SIGNING_KEY')) {
      missing(
        'MESSAGEBIRD_SIGNING_KEY',
        'the signing key MessageBird signs its webhooks with (Developers → API settings)',
      );
    }
    if (!value('ADMIN_SLACK_USER_IDS') && !/^(true|1|yes)$/i.test(value('ADMINS_INCLUDE_WORKSPACE_ADMINS'))) {
      missing(
        'ADMIN_SLACK_USER_IDS',
        'the Slack user ids allowed to run campaigns (or ADMINS_INCLUDE_WORKSPACE_ADMINS=true)',
      );
    }
    const publicUrl = value('PUBLIC_URL');
    if (!publicUrl) {
      missing('PUBLIC_URL', 'the public https URL at which MessageBird reaches the dispatcher’s webhooks');
    } else if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
      problems.push(`PUBLIC_URL "${publicUrl}" must be an http(s) URL, e.g. https://sms.example.com`);
    } else if (/^https?:\/\/(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(publicUrl)) {
      problems.push(
        `PUBLIC_URL "${publicUrl}" is this machine: MessageBird cannot reach it; use the public URL (a tunnel will do)`,
      );
    }
    for (const name of ['MESSAGEBIRD_SANDBOX_URL', 'SIMULATED_CLOCK_START']) {
      if (value(name))
        problems.push(`${name} is for the local sandboxes and cannot be used with real credentials: unset it`);
    }
    if (value('MESSAGEBIRD_ACCESS_KEY').startsWith('test_')) {
      warnings.push('MESSAGEBIRD_ACCESS_KEY is a test key: MessageBird accepts the messages but delivers none');
    }
  }
  const realBecause = sandbox
    ? null
    : `${setCredentials.join(', ')} ${setCredentials.length === 1 ? 'is' : 'are'} set, so npm start runs for real ` +
      `against Slack and MessageBird (unset ${setCredentials.length === 1 ? 'it' : 'them'} to run on the local sandboxes)`;
  return { sandbox, ports, problems, warnings, realBecause };
}
