/** What can change while the sandbox runs (POST /__sandbox/config). */
export type SandboxConfig = {
  /** Added before each POST /messages and GET /messages/:id is answered. */
  latencyMs: number;
  /** Most POST /messages admitted in any one-second window; null = no limit. MessageBird's own: 500/s. */
  rateCap: number | null;
  /** Delay between acceptance and the first status report. */
  reportDelayMs: number;
  /** Send a `sent` report before the final one (MessageBird does when the operator acknowledges first). */
  sentReports: boolean;
  /** Base URL of the dispatcher; inbound SMS go to `${dispatcherUrl}/webhooks/messagebird/inbound`. */
  dispatcherUrl: string | null;
};

export type SandboxOptions = Partial<SandboxConfig> & {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The one access key accepted in `Authorization: AccessKey <key>`. */
  accessKey?: string;
  /** The key webhooks are signed with (MessageBird's "signing key"). */
  signingKey?: string;
};

export const DEFAULT_ACCESS_KEY = 'test_sandbox_access_key';
export const DEFAULT_SIGNING_KEY = 'sandbox_signing_key';

export const DEFAULT_CONFIG: SandboxConfig = {
  latencyMs: 0,
  rateCap: null,
  reportDelayMs: 50,
  sentReports: false,
  dispatcherUrl: null,
};

export class ConfigError extends Error {}

/** Applies a partial change, refusing values that would make the sandbox misbehave rather than guessing. */
export function applyConfig(current: SandboxConfig, changes: unknown): SandboxConfig {
  if (typeof changes !== 'object' || changes === null) throw new ConfigError('send a JSON object');
  const input = changes as Record<string, unknown>;
  const next = { ...current };
  for (const key of Object.keys(input)) {
    const value = input[key];
    switch (key) {
      case 'latencyMs':
      case 'reportDelayMs':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          throw new ConfigError(`${key} must be a number of milliseconds ≥ 0`);
        }
        next[key] = value;
        break;
      case 'rateCap':
        if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
          throw new ConfigError('rateCap must be a whole number of requests per second ≥ 1, or null for no limit');
        }
        next.rateCap = value;
        break;
      case 'sentReports':
        if (typeof value !== 'boolean') throw new ConfigError('sentReports must be true or false');
        next.sentReports = value;
        break;
      case 'dispatcherUrl':
        if (value !== null && (typeof value !== 'string' || !/^https?:\/\//.test(value))) {
          throw new ConfigError('dispatcherUrl must be an http(s) URL or null');
        }
        next.dispatcherUrl = value === null ? null : value.replace(/\/+$/, '');
        break;
      default:
        throw new ConfigError(`unknown setting "${key}"`);
    }
  }
  return next;
}
