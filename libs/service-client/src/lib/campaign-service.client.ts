import { ServiceError, ServiceUnavailableError } from './service-error';
import type {
  Campaign,
  Digest,
  DownloadedFile,
  MessagingAnswer,
  NewCampaign,
  NewMessagingAnswer,
  NewRecipientList,
  NewSenderNumber,
  OutboxItem,
  RecipientList,
  RecipientPage,
  SenderNumber,
  UploadAccepted,
} from './service-types';

export interface CampaignServiceClientOptions {
  /** e.g. http://127.0.0.1:3100 */
  baseUrl: string;
  /** The shared SERVICE_TOKEN. */
  token: string;
  /** Per request; default 10 s (an upload of 1 MiB included). */
  timeoutMs?: number;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The campaign service over HTTP. Reads need only the token; every write names its actor (the Slack
 * user id behind it, or `system:<name>`) in `X-Actor`, which the service records in its audit log.
 * Error statuses throw ServiceError; an unreachable service throws ServiceUnavailableError.
 */
export class CampaignServiceClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: CampaignServiceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  health(): Promise<{ status: string; database: string }> {
    return this.json('GET', '/health');
  }

  listSenderNumbers(filter: { smsCapable?: boolean } = {}): Promise<SenderNumber[]> {
    return this.json('GET', '/sender-numbers', { query: { smsCapable: filter.smsCapable } });
  }

  createSenderNumber(actor: string, input: NewSenderNumber): Promise<SenderNumber> {
    return this.json('POST', '/sender-numbers', { actor, body: input });
  }

  listAnswers(filter: { language?: string } = {}): Promise<MessagingAnswer[]> {
    return this.json('GET', '/answers', { query: { language: filter.language } });
  }

  createAnswer(actor: string, input: NewMessagingAnswer): Promise<MessagingAnswer> {
    return this.json('POST', '/answers', { actor, body: input });
  }

  listCampaigns(): Promise<Campaign[]> {
    return this.json('GET', '/campaigns');
  }

  getCampaign(id: number): Promise<Campaign> {
    return this.json('GET', `/campaigns/${id}`);
  }

  createCampaign(actor: string, input: NewCampaign): Promise<Campaign> {
    return this.json('POST', '/campaigns', { actor, body: input });
  }

  pauseCampaign(actor: string, id: number): Promise<Campaign> {
    return this.json('POST', `/campaigns/${id}/pause`, { actor });
  }

  resumeCampaign(actor: string, id: number): Promise<Campaign> {
    return this.json('POST', `/campaigns/${id}/resume`, { actor });
  }

  stopCampaign(actor: string, id: number): Promise<Campaign> {
    return this.json('POST', `/campaigns/${id}/stop`, { actor });
  }

  /** Multipart upload of a CSV; a refused list throws a ServiceError whose `refusal` is set (422). */
  uploadRecipientList(actor: string, campaignId: number, list: NewRecipientList): Promise<UploadAccepted> {
    const form = new FormData();
    form.append('file', new Blob([list.bytes], { type: 'text/csv' }), list.fileName);
    form.append('outreachStartAt', list.outreachStartAt);
    if (list.outreachEndAt) form.append('outreachEndAt', list.outreachEndAt);
    return this.json('POST', `/campaigns/${campaignId}/recipient-lists`, { actor, form });
  }

  getRecipientList(id: number): Promise<RecipientList> {
    return this.json('GET', `/recipient-lists/${id}`);
  }

  /** A page of a list's recipients, in CSV line order. */
  listRecipients(listId: number, page: { offset?: number; limit?: number } = {}): Promise<RecipientPage> {
    const query = new URLSearchParams({ offset: String(page.offset ?? 0), limit: String(page.limit ?? 100) });
    return this.json('GET', `/recipient-lists/${listId}/recipients?${query}`);
  }

  recipientTemplate(): Promise<DownloadedFile> {
    return this.file('/recipient-lists/template.csv', 'recipient-list-template.csv');
  }

  /** `errorLogUrl` as the 422 gave it (a path on the service, e.g. /uploads/<id>/error-log.csv). */
  errorLog(errorLogUrl: string): Promise<DownloadedFile> {
    const path = errorLogUrl.startsWith('/') ? errorLogUrl : `/${errorLogUrl}`;
    if (!/^\/uploads\/[\w-]+\/error-log\.csv$/.test(path)) {
      return Promise.reject(new Error(`Unexpected error log URL "${errorLogUrl}"`));
    }
    return this.file(path, 'error-log.csv');
  }

  digest(): Promise<Digest> {
    return this.json('GET', '/digest');
  }

  takeOutbox(actor: string, limit = 20): Promise<OutboxItem[]> {
    return this.json('POST', '/outbox/take', { actor, query: { limit } });
  }

  outboxDelivered(actor: string, id: number, slackTs: string): Promise<{ ok: true }> {
    return this.json('POST', `/outbox/${id}/delivered`, { actor, body: { slackTs } });
  }

  outboxFailed(actor: string, id: number, error: string): Promise<{ nextAttemptAt: string }> {
    return this.json('POST', `/outbox/${id}/failed`, { actor, body: { error: error.slice(0, 1000) || 'unknown' } });
  }

  private async json<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { actor?: string; body?: unknown; form?: FormData; query?: Query } = {},
  ): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  private async file(path: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await this.send('GET', path, {});
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
    return {
      bytes: Buffer.from(await response.arrayBuffer()),
      fileName: name,
      contentType: response.headers.get('content-type') ?? 'text/csv',
    };
  }

  private async send(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { actor?: string; body?: unknown; form?: FormData; query?: Query },
  ): Promise<Response> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
    };
    if (options.actor) headers['x-actor'] = options.actor;
    let body: string | FormData | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const what = `${method} ${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailableError(what, describeFetchError(error));
    }
    if (!response.ok) throw await ServiceError.fromResponse(response, what);
    return response;
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return `${error.message}: ${cause.message}`;
  return error.message;
}
