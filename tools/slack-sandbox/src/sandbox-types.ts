// Public types of the local Slack Web API. Field names of the objects it returns follow
// @slack/web-api's response types (snake_case), so a bot reads them exactly as it would from slack.com.

/** A workspace member the sandbox knows; `users.info` answers with it. */
export interface SandboxUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  /** Workspace admins and owners are the people allowed to run campaigns. */
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isRestricted?: boolean;
  isUltraRestricted?: boolean;
  isBot?: boolean;
  deleted?: boolean;
  /** IANA zone, as Slack reports it in `tz`. */
  tz?: string;
}

/** A conversation the sandbox knows. IDs starting with D are direct messages. */
export interface SandboxChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  /** Whether the bot is in the channel; posting elsewhere fails with `not_in_channel`. Default true. */
  botIsMember?: boolean;
  /** Human members; defaults to every configured user. */
  members?: string[];
}

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  botToken?: string;
  teamId?: string;
  users?: SandboxUser[];
  channels?: SandboxChannel[];
}

/**
 * How the next calls of one method fail. `status` 429 answers HTTP 429 with Retry-After (what the
 * WebClient retries on), 500 an HTTP 500; without a status the call answers HTTP 200 `{ ok: false, error }`
 * like Slack's own errors. `times` omitted: every call until `clearFailure`/`reset`.
 */
export interface FailureSpec {
  error?: string;
  status?: 429 | 500;
  retryAfter?: number;
  times?: number;
}

/**
 * One request the sandbox received, in arrival order. `method` is a Web API method name, or `upload`
 * (bytes posted to an upload URL), `download` (a file fetched) or `response_url` (a post to a
 * slash-command/action response URL). JSON-valued parameters (blocks, view, files…) are decoded.
 */
export interface RecordedCall {
  seq: number;
  method: string;
  args: Record<string, unknown>;
  /** ISO-8601 arrival time. */
  at: string;
  token?: string;
  /** HTTP status answered. */
  status: number;
  /** The Slack error code answered, when the call failed. */
  error?: string;
  /** The uploaded bytes (`upload` calls only), base64 so the record stays JSON. */
  bytesBase64?: string;
}

/** A file a user shares in a channel before the bot sees it (`addFile`, `POST /__sandbox/files`). */
export interface NewSandboxFile {
  name: string;
  content: string | Buffer;
  /** How a string `content` is encoded. Default utf8. */
  encoding?: 'utf8' | 'base64';
  mimetype?: string;
  title?: string;
  /** Channel the file is shared in; the share also adds a `file_share` message to its history. */
  channel?: string;
  /** Who shared it (default: the first configured user). */
  user?: string;
  threadTs?: string;
  /** Download answers a 302 to this URL instead of the bytes (a bot must not follow it off Slack). */
  redirectTo?: string;
}

export interface FileShare {
  ts: string;
  thread_ts?: string;
  channel_name: string;
  team_id: string;
  share_user_id: string;
  reply_users: string[];
  reply_users_count: number;
  reply_count: number;
  source: string;
}

/** A file object as files.info returns it. */
export interface SandboxFileObject {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  editable: boolean;
  size: number;
  mode: string;
  is_external: boolean;
  external_type: string;
  is_public: boolean;
  public_url_shared: boolean;
  display_as_bot: boolean;
  username: string;
  url_private: string;
  url_private_download: string;
  permalink: string;
  permalink_public: string;
  channels: string[];
  groups: string[];
  ims: string[];
  shares: { public?: Record<string, FileShare[]>; private?: Record<string, FileShare[]> };
  comments_count: number;
  has_rich_preview: boolean;
  file_access: string;
  alt_txt?: string;
}

/** A view as views.open/update/push/publish return it. */
export interface SandboxView {
  id: string;
  team_id: string;
  type: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string | null;
  app_id: string;
  external_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

/** A message in a conversation's history. */
export interface SandboxMessage {
  type: 'message';
  ts: string;
  text: string;
  user: string;
  team: string;
  subtype?: string;
  bot_id?: string;
  app_id?: string;
  blocks?: unknown;
  attachments?: unknown;
  metadata?: unknown;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  files?: SandboxFileObject[];
  upload?: boolean;
  edited?: { user: string; ts: string };
}

export interface SlackSandbox {
  /** Base URL, e.g. http://127.0.0.1:3400 */
  url: string;
  /** `${url}/api/`: give it to `slackApiUrl` / SLACK_API_URL. */
  apiUrl: string;
  port: number;
  botToken: string;
  teamId: string;
  botUserId: string;
  botId: string;
  stop(): Promise<void>;
  /** Recorded calls in order, optionally of one method. */
  calls(method?: string): RecordedCall[];
  /** Resolves with the first recorded call matching, waiting for it when there is none yet. */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean): Promise<RecordedCall>;
  /** Forget calls, failures, messages, views and files; users and channels return to their start. */
  reset(): void;
  addFile(file: NewSandboxFile): SandboxFileObject;
  /** The bytes of a stored file (shared by a user or uploaded by the bot). */
  fileContent(fileId: string): Buffer | undefined;
  setDownloadRedirect(fileId: string, location: string | undefined): void;
  setFailure(method: string, failure: FailureSpec): void;
  clearFailure(method: string): void;
  /** Make views.open/push refuse this trigger_id with `expired_trigger_id`. */
  expireTrigger(triggerId: string): void;
  views(): SandboxView[];
  messages(channel: string): SandboxMessage[];
}
