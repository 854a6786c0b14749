import { readSimulatedClock, resolveTimeZone, type SimulatedClock } from '@proactive-sms/domain';

/** Slack user ids as Slack writes them (U…, W… for Enterprise Grid). */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type SlackMode =
  { kind: 'http'; signingSecret: string } | { kind: 'socket'; appToken: string; signingSecret?: string };

/**
 * The bot's settings, read once at boot (see README.md). A missing or bad value stops the start with a
 * message naming the variable; nothing else reads process.env.
 */
export class BotConfig {
  constructor(
    readonly botToken: string,
    readonly mode: SlackMode,
    readonly port: number,
    /** Web API base URL ending in "/" (https://slack.com/api/ unless pointed at the sandbox). */
    readonly slackApiUrl: string,
    readonly serviceUrl: string,
    readonly serviceToken: string,
    readonly adminUserIds: ReadonlySet<string>,
    readonly adminsIncludeWorkspaceAdmins: boolean,
    readonly outboxPollMs: number,
    /** HH:mm in orgTimeZone. */
    readonly digestTime: string,
    readonly orgTimeZone: string,
    /** WebClient retries for idempotent calls (the outbox relay never retries a post blindly). */
    readonly slackApiRetries: number,
    readonly logLevel: 'debug' | 'info' | 'warn' | 'error',
    /** SIMULATED_CLOCK_*: the stack's shared simulated time, with the Slack sandbox only. */
    readonly simulatedClock: SimulatedClock | null = null,
  ) {}

  static readonly DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): BotConfig {
    const problems: string[] = [];
    const read = (key: string): string | undefined => {
      const value = env[key]?.trim();
      return value ? value : undefined;
    };

    const botToken = read('SLACK_BOT_TOKEN') ?? '';
    if (!botToken) problems.push('SLACK_BOT_TOKEN is required: the bot token (xoxb-…) from "OAuth & Permissions"');
    else if (!botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');

    const appToken = read('SLACK_APP_TOKEN');
    const signingSecret = read('SLACK_SIGNING_SECRET');
    let mode: SlackMode = { kind: 'http', signingSecret: signingSecret ?? '' };
    if (appToken) {
      if (!appToken.startsWith('xapp-'))
        problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp- (Socket Mode)');
      mode = { kind: 'socket', appToken, ...(signingSecret ? { signingSecret } : {}) };
    } else if (!signingSecret) {
      problems.push(
        'SLACK_SIGNING_SECRET is required in HTTP mode: the signing secret from "Basic Information" (or set SLACK_APP_TOKEN for Socket Mode)',
      );
    }

    const port = integer(env, 'PORT', 3000, 0, 65535, problems);

    let slackApiUrl = BotConfig.DEFAULT_SLACK_API_URL;
    const rawApiUrl = read('SLACK_API_URL');
    if (rawApiUrl) {
      const url = httpUrl(rawApiUrl);
      if (!url) problems.push(`SLACK_API_URL "${rawApiUrl}" is not an http(s) URL such as http://127.0.0.1:3400/api/`);
      else slackApiUrl = url.endsWith('/') ? url : `${url}/`;
    }

    let serviceUrl = 'http://127.0.0.1:3100';
    const rawServiceUrl = read('CAMPAIGN_SERVICE_URL');
    if (rawServiceUrl) {
      const url = httpUrl(rawServiceUrl);
      if (!url) problems.push(`CAMPAIGN_SERVICE_URL "${rawServiceUrl}" is not an http(s) URL`);
      else serviceUrl = url.replace(/\/+$/, '');
    }

    const serviceToken = read('SERVICE_TOKEN') ?? '';
    if (serviceToken.length < 16)
      problems.push('SERVICE_TOKEN must be set to the campaign service token (at least 16 characters)');

    const adminUserIds = new Set<string>();
    for (const id of (read('ADMIN_SLACK_USER_IDS') ?? '').split(',')) {
      const trimmed = id.trim();
      if (!trimmed) continue;
      if (!SLACK_USER_ID.test(trimmed))
        problems.push(`ADMIN_SLACK_USER_IDS: "${trimmed}" is not a Slack user id such as U012AB3CD`);
      else adminUserIds.add(trimmed);
    }
    const includeWorkspaceAdmins = boolean(env, 'ADMINS_INCLUDE_WORKSPACE_ADMINS', false, problems);
    if (adminUserIds.size === 0 && !includeWorkspaceAdmins) {
      problems.push(
        'ADMIN_SLACK_USER_IDS is empty and ADMINS_INCLUDE_WORKSPACE_ADMINS is not true: nobody could manage campaigns',
      );
    }

    const outboxPollMs = integer(env, 'OUTBOX_POLL_MS', 2000, 50, 3_600_000, problems);

    const digestTime = read('DIGEST_TIME') ?? '09:00';
    if (!CLOCK_TIME.test(digestTime)) problems.push(`DIGEST_TIME "${digestTime}" must be HH:mm (24-hour), e.g. 09:00`);

    let orgTimeZone = 'UTC';
    const rawZone = read('ORG_TIMEZONE');
    if (rawZone) {
      const zone = resolveTimeZone(rawZone);
      if (zone.ok) orgTimeZone = zone.zone;
      else problems.push(`ORG_TIMEZONE: ${zone.message}`);
    }

    const slackApiRetries = integer(env, 'SLACK_API_RETRIES', 3, 0, 10, problems);

    const rawLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase();
    const logLevel = (['debug', 'info', 'warn', 'error'] as const).find((level) => level === rawLevel);
    if (!logLevel) problems.push(`LOG_LEVEL "${rawLevel}" must be one of debug, info, warn, error`);

    const clock = readSimulatedClock(env, Date.now());
    if (!clock.ok) problems.push(clock.error);
    else if (clock.clock && slackApiUrl === BotConfig.DEFAULT_SLACK_API_URL) {
      problems.push(
        'SIMULATED_CLOCK_START is for the sandboxes and the demo: it needs SLACK_API_URL (the Slack sandbox)',
      );
    }

    if (problems.length > 0) throw new Error(`The Slack bot cannot start:\n- ${problems.join('\n- ')}`);
    return new BotConfig(
      botToken,
      mode,
      port,
      slackApiUrl,
      serviceUrl,
      serviceToken,
      adminUserIds,
      includeWorkspaceAdmins,
      outboxPollMs,
      digestTime,
      orgTimeZone,
      slackApiRetries,
      logLevel ?? 'info',
      clock.ok ? clock.clock : null,
    );
  }
}

function integer(
  env: NodeJS.ProcessEnv,
  key: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key} "${raw}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, key: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1' || raw === 'yes') return true;
  if (raw === 'false' || raw === '0' || raw === 'no') return false;
  problems.push(`${key} "${env[key]}" must be true or false`);
  return fallback;
}

function httpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
