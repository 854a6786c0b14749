import type { RefusedUpload } from './service-types';

/**
 * The service answered with an error status. `fields` holds the per-field messages of a 400, keyed the
 * way the Slack modals name their blocks (`name`, `schedule.monday.close`); `refusal` the body of a 422.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string>,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  get isValidation(): boolean {
    return this.status === 400 && Object.keys(this.fields).length > 0;
  }

  /** The refused list's errors and error-log URL when this is a 422 from an upload. */
  get refusal(): RefusedUpload | null {
    if (this.status !== 422 || !isRecord(this.body)) return null;
    const { message, errorCount, errors, errorLogUrl } = this.body;
    if (typeof errorLogUrl !== 'string' || !Array.isArray(errors)) return null;
    return {
      message: typeof message === 'string' ? message : this.message,
      errorCount: typeof errorCount === 'number' ? errorCount : errors.length,
      errors: errors as RefusedUpload['errors'],
      errorLogUrl,
    };
  }

  static async fromResponse(response: Response, what: string): Promise<ServiceError> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      // not JSON: keep the text
    }
    const record = isRecord(body) ? body : {};
    const rawMessage = record['message'];
    const message = Array.isArray(rawMessage)
      ? rawMessage.join('; ')
      : typeof rawMessage === 'string' && rawMessage
        ? rawMessage
        : `${what} failed with HTTP ${response.status}`;
    const fields: Record<string, string> = {};
    if (isRecord(record['fields'])) {
      for (const [key, value] of Object.entries(record['fields'])) {
        if (typeof value === 'string') fields[key] = value;
      }
    }
    const errorId = typeof record['errorId'] === 'string' ? ` (error id ${record['errorId']})` : '';
    return new ServiceError(response.status, `${message}${errorId}`, fields, body);
  }
}

/** The service could not be reached at all (down, refused, timed out). */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly what: string,
    readonly causeMessage: string,
  ) {
    super(`The campaign service is not reachable (${what}: ${causeMessage})`);
    this.name = 'ServiceUnavailableError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
