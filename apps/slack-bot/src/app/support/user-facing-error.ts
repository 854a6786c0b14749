import { ServiceError, ServiceUnavailableError } from '@proactive-sms/service-client';
import { FileDownloadError } from '../slack/file-downloader';

/** Any failure, said in plain words for the person who asked (the details stay in the log). */
export function describeError(error: unknown): string {
  if (error instanceof ServiceUnavailableError) {
    return 'The campaign service is not reachable right now, so nothing was changed. Try again in a minute; if it keeps happening, ask whoever runs Proactive SMS to check the campaign service.';
  }
  if (error instanceof ServiceError) {
    if (error.status === 401)
      return 'The bot and the campaign service do not agree on SERVICE_TOKEN; ask whoever runs Proactive SMS to fix it.';
    if (error.status >= 500) return `Something went wrong in the campaign service. ${error.message}`;
    const fields = Object.values(error.fields);
    return fields.length > 1 ? `${error.message}: ${fields.join(' ')}` : (fields[0] ?? error.message);
  }
  if (error instanceof FileDownloadError) return error.message;
  const slack = slackErrorCode(error);
  if (slack === 'not_in_channel' || slack === 'channel_not_found') {
    return 'I am not in that channel. Invite me with `/invite @Proactive SMS` and try again.';
  }
  if (slack === 'expired_trigger_id') return 'Slack took too long to open the form. Please try again.';
  if (slack) return `Slack refused the request (${slack}). Please try again.`;
  return 'Something went wrong on my side. Please try again.';
}

export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** What Slack (or the network) answered, for logs and for the outbox's `failed { error }`. */
export function slackErrorText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
    if (e.data?.error) return `slack: ${e.data.error}`;
    if (e.statusCode) return `slack: HTTP ${e.statusCode}`;
    if (e.message) return e.message;
  }
  return String(error);
}
