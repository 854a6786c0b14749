// SlackDriver: sends a bot the requests Slack would send it (slash commands, interactivity payloads,
// Events API callbacks, URL verification), form- or JSON-encoded as Slack does and signed with the
// signing secret, with switches for the bad cases (wrong signature, stale or future timestamp, retries).
import { randomBytes } from 'node:crypto';
import { signingHeaders, type SigningOptions } from './driver-signing';
import { APP_ID, BOT_USER_ID, DEFAULT_TEAM_ID } from './sandbox-defaults';
import { buildViewState, type UserInput, type ViewStateValues } from './view-state-builders';

/** Legacy verification token Slack still puts in payloads; Bolt ignores it. */
const VERIFICATION_TOKEN = 'sandbox-verification-token';
/** Nothing listens on the discard port: a respond() the test did not route to the sandbox fails locally. */
const UNROUTED_RESPONSE_BASE = 'http://127.0.0.1:9';

export interface SlackDriverOptions {
  /** The bot's Slack endpoint, e.g. http://127.0.0.1:3000/slack/events */
  botUrl: string;
  signingSecret: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  /** The bot user named in event authorizations. */
  botUserId?: string;
  now?: () => Date;
  /** Base URL for response_urls, normally the sandbox's `url`: posts to them are recorded as `response_url`. */
  responseUrlBase?: string;
}

export interface SendOptions extends SigningOptions {
  headers?: Record<string, string>;
}

export interface DriverResponse {
  status: number;
  /** Parsed when the bot answered JSON, else the text ('' for an empty ack). */
  body: unknown;
  headers: Record<string, string>;
  /** What was sent, for assertions and for resending (e.g. as a retry). */
  request: { body: string; headers: Record<string, string>; payload: Record<string, unknown> };
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  userId: string;
  channelId: string;
  triggerId?: string;
  userName?: string;
  channelName?: string;
}

/** A view as the bot opened it (e.g. from sandbox.views() or the views.open record). */
export interface ViewInput {
  id: string;
  blocks?: unknown[];
  state?: { values: Record<string, Record<string, unknown>> };
}

export interface ViewSubmissionInput {
  userId: string;
  view: ViewInput;
  /** What the user entered, `{ blockId: { actionId: value } }`; omitted: the view's state is sent as is. */
  values?: Record<string, Record<string, UserInput>>;
  triggerId?: string;
}

export interface BlockActionInput {
  userId: string;
  actions: Record<string, unknown>[];
  view?: ViewInput;
  values?: Record<string, Record<string, UserInput>>;
  channel?: string | { id: string; name: string };
  message?: { ts: string; [key: string]: unknown };
  triggerId?: string;
}

export interface EventOptions extends SendOptions {
  eventId?: string;
  /** Set on redeliveries: Slack sends X-Slack-Retry-Num 1..3 with the same event_id. */
  retryNum?: number;
  retryReason?: string;
  eventTime?: number;
}

export class SlackDriver {
  private readonly teamId: string;
  private readonly teamDomain: string;
  private readonly apiAppId: string;
  private readonly botUserId: string;
  private readonly now: () => Date;
  private readonly responseUrlBase: string;
  private counter = 0;

  constructor(private readonly options: SlackDriverOptions) {
    this.teamId = options.teamId ?? DEFAULT_TEAM_ID;
    this.teamDomain = options.teamDomain ?? 'sandbox';
    this.apiAppId = options.apiAppId ?? APP_ID;
    this.botUserId = options.botUserId ?? BOT_USER_ID;
    this.now = options.now ?? (() => new Date());
    this.responseUrlBase = (options.responseUrlBase ?? UNROUTED_RESPONSE_BASE).replace(/\/$/, '');
  }

  /** A trigger_id like Slack's "<n>.<n>.<hex>"; views.open accepts any non-expired one. */
  newTriggerId(): string {
    this.counter += 1;
    return `${this.now().getTime()}.${this.counter}.${randomBytes(8).toString('hex')}`;
  }

  slashCommand(input: SlashCommandInput, options: SendOptions = {}): Promise<DriverResponse> {
    const payload: Record<string, string> = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      team_domain: this.teamDomain,
      channel_id: input.channelId,
      channel_name: input.channelName ?? input.channelId,
      user_id: input.userId,
      user_name: input.userName ?? input.userId.toLowerCase(),
      command: input.command,
      text: input.text ?? '',
      api_app_id: this.apiAppId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl('commands'),
      trigger_id: input.triggerId ?? this.newTriggerId(),
    };
    return this.send(new URLSearchParams(payload).toString(), 'application/x-www-form-urlencoded', payload, options);
  }

  viewSubmission(input: ViewSubmissionInput, options: SendOptions = {}): Promise<DriverResponse> {
    const payload = {
      type: 'view_submission',
      team: this.team(),
      user: this.user(input.userId),
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      trigger_id: input.triggerId ?? this.newTriggerId(),
      view: this.viewWithState(input.view, input.values),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.sendPayload(payload, options);
  }

  blockAction(input: BlockActionInput, options: SendOptions = {}): Promise<DriverResponse> {
    const actionTs = this.eventTs();
    const channel = typeof input.channel === 'string' ? { id: input.channel, name: input.channel } : input.channel;
    const view = input.view ? this.viewWithState(input.view, input.values) : undefined;
    const container = view
      ? { type: 'view', view_id: view['id'] }
      : { type: 'message', message_ts: input.message?.ts, channel_id: channel?.id, is_ephemeral: false };
    const payload = {
      type: 'block_actions',
      user: this.user(input.userId),
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      container,
      trigger_id: input.triggerId ?? this.newTriggerId(),
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      ...(channel ? { channel } : {}),
      ...(input.message
        ? { message: { type: 'message', ...input.message }, response_url: this.responseUrl('actions') }
        : {}),
      ...(view ? { view, state: view['state'] } : {}),
      actions: input.actions.map((a) => ({ action_ts: actionTs, ...a })),
    };
    return this.sendPayload(payload, options);
  }

  /** An Events API callback wrapping `event`; pass the same eventId with retryNum to redeliver it. */
  event(event: Record<string, unknown>, options: EventOptions = {}): Promise<DriverResponse> {
    const eventTime = options.eventTime ?? Math.floor(this.now().getTime() / 1000);
    const payload = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      context_team_id: this.teamId,
      context_enterprise_id: null,
      api_app_id: this.apiAppId,
      event: { event_ts: event['ts'] ?? this.eventTs(), ...event },
      type: 'event_callback',
      event_id: options.eventId ?? this.newEventId(),
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(16).toString('hex')}`,
    };
    const retryHeaders: Record<string, string> =
      options.retryNum === undefined
        ? {}
        : {
            'x-slack-retry-num': String(options.retryNum),
            'x-slack-retry-reason': options.retryReason ?? 'http_timeout',
          };
    return this.send(JSON.stringify(payload), 'application/json', payload, {
      ...options,
      headers: { ...retryHeaders, ...options.headers },
    });
  }

  /** Slack's endpoint check: the bot must echo `challenge`. */
  urlVerification(options: SendOptions & { challenge?: string } = {}): Promise<DriverResponse> {
    const payload = {
      token: VERIFICATION_TOKEN,
      challenge: options.challenge ?? randomBytes(16).toString('hex'),
      type: 'url_verification',
    };
    return this.send(JSON.stringify(payload), 'application/json', payload, options);
  }

  newEventId(): string {
    this.counter += 1;
    return `Ev${String(this.counter).padStart(6, '0')}${randomBytes(3).toString('hex').toUpperCase()}`;
  }

  /** Sends an already-built body, signed: for requests the helpers above do not cover. */
  async send(
    body: string,
    contentType: string,
    payload: Record<string, unknown>,
    options: SendOptions = {},
  ): Promise<DriverResponse> {
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      accept: 'application/json,*/*',
      ...signingHeaders(this.options.signingSecret, this.now(), body, options),
      ...options.headers,
    };
    const response = await fetch(this.options.botUrl, { method: 'POST', headers, body, redirect: 'manual' });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text,
      headers: Object.fromEntries(response.headers.entries()),
      request: { body, headers, payload },
    };
  }

  /** Interactivity payloads travel as form field `payload` holding JSON. */
  private sendPayload(payload: Record<string, unknown>, options: SendOptions): Promise<DriverResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.send(body, 'application/x-www-form-urlencoded', payload, options);
  }

  private viewWithState(view: ViewInput, values: ViewSubmissionInput['values']): Record<string, unknown> {
    // A view fresh from views.open has empty state; Slack would still list every input, so build it.
    const given = view.state !== undefined && Object.keys(view.state.values).length > 0 ? view.state : undefined;
    const state: { values: ViewStateValues | Record<string, Record<string, unknown>> } =
      values === undefined ? (given ?? { values: buildViewState(view) }) : { values: buildViewState(view, values) };
    return { ...view, state };
  }

  private team(): { id: string; domain: string } {
    return { id: this.teamId, domain: this.teamDomain };
  }

  private user(userId: string): Record<string, string> {
    const name = userId.toLowerCase();
    return { id: userId, username: name, name, team_id: this.teamId };
  }

  private responseUrl(kind: 'commands' | 'actions'): string {
    this.counter += 1;
    return `${this.responseUrlBase}/response-url/${kind}/${this.teamId}/${this.counter}/${randomBytes(8).toString('hex')}`;
  }

  private eventTs(): string {
    this.counter += 1;
    return `${Math.floor(this.now().getTime() / 1000)}.${String(this.counter % 1_000_000).padStart(6, '0')}`;
  }
}
