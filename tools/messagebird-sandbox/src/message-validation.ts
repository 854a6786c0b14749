import type { MessageBirdApiError } from '@proactive-sms/messagebird';
import {
  BODY_REQUIRED,
  invalidParameter,
  NO_CORRECT_RECIPIENTS,
  ORIGINATOR_INVALID,
  ORIGINATOR_REQUIRED,
  UNKNOWN_PHONE_FORMAT,
} from './messagebird-errors';

/** A create request that passed validation. */
export type CreateMessageRequest = {
  msisdns: string[];
  originator: string;
  body: string;
  type: 'sms' | 'binary' | 'flash';
  reference: string | null;
  reportUrl: string | null;
  validity: number | null;
  gateway: number | null;
  typeDetails: Record<string, unknown>;
  datacoding: 'plain' | 'unicode' | 'auto';
  mclass: 0 | 1;
  scheduledAt: Date | null;
};

export type Validation = { ok: true; request: CreateMessageRequest } | { ok: false; errors: MessageBirdApiError[] };

const MESSAGE_TYPES = ['sms', 'binary', 'flash'] as const;
const DATACODINGS = ['plain', 'unicode', 'auto'] as const;

/**
 * POST /messages as MessageBird checks it. Its answer to an empty request is the model for the order and wording:
 * "no (correct) recipients found (code: 9, parameter: recipients), originator is required (code: 9, parameter:
 * originator)" — every problem at once, recipients first.
 */
export function validateCreateMessage(params: Record<string, unknown>): Validation {
  const errors: MessageBirdApiError[] = [];

  const recipients = parseRecipients(params['recipients']);
  if (recipients.error) errors.push(recipients.error);

  const originator = scalar(params['originator']);
  if (originator === undefined || originator === '') errors.push(ORIGINATOR_REQUIRED);
  else if (!isValidOriginator(originator)) errors.push(ORIGINATOR_INVALID);

  const body = scalar(params['body']);
  if (body === undefined || body === '') errors.push(BODY_REQUIRED);

  const type = scalar(params['type']) ?? 'sms';
  if (!isOneOf(MESSAGE_TYPES, type)) errors.push(invalidParameter('type'));
  const datacoding = scalar(params['datacoding']) ?? 'plain';
  if (!isOneOf(DATACODINGS, datacoding)) errors.push(invalidParameter('datacoding'));

  const reference = optionalText(params['reference']);
  const reportUrl = optionalText(params['reportUrl']);
  if (reportUrl !== null && !isHttpUrl(reportUrl)) errors.push(invalidParameter('reportUrl'));
  const validity = optionalInteger(params['validity']);
  if (validity === undefined || (validity !== null && validity < 1)) errors.push(invalidParameter('validity'));
  const gateway = optionalInteger(params['gateway']);
  if (gateway === undefined) errors.push(invalidParameter('gateway'));
  const mclass = optionalInteger(params['mclass']) ?? 1;
  if (mclass !== 0 && mclass !== 1) errors.push(invalidParameter('mclass'));
  const scheduled = optionalText(params['scheduledDatetime']);
  const scheduledAt = scheduled === null ? null : new Date(scheduled);
  if (scheduledAt && Number.isNaN(scheduledAt.getTime())) errors.push(invalidParameter('scheduledDatetime'));

  if (errors.length > 0) return { ok: false, errors };
  const typeDetails = params['typeDetails'];
  return {
    ok: true,
    request: {
      msisdns: recipients.msisdns,
      originator: originator!,
      body: body!,
      type: type as CreateMessageRequest['type'],
      reference,
      reportUrl,
      validity: validity ?? null,
      gateway: gateway ?? null,
      typeDetails:
        typeof typeDetails === 'object' && typeDetails !== null ? (typeDetails as Record<string, unknown>) : {},
      datacoding: datacoding as CreateMessageRequest['datacoding'],
      mclass: mclass as 0 | 1,
      scheduledAt,
    },
  };
}

/**
 * The package sends `recipients` as one comma-separated string; the API also takes an array of strings or
 * numbers. A recipient is a number with its country code, "+" allowed; 7 to 15 digits.
 */
function parseRecipients(value: unknown): { msisdns: string[]; error?: MessageBirdApiError } {
  const parts = (Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? [value] : [])
    .flatMap((item) => String(item).split(','))
    .map((item) => item.trim().replace(/[\s-]/g, ''))
    .filter((item) => item !== '');
  if (parts.length === 0) return { msisdns: [], error: NO_CORRECT_RECIPIENTS };
  if (parts.some((item) => !/^\+?\d+$/.test(item))) return { msisdns: [], error: UNKNOWN_PHONE_FORMAT };
  const msisdns = [...new Set(parts.map((item) => item.replace(/^\+/, '')).filter((d) => /^[1-9]\d{6,14}$/.test(d)))];
  return msisdns.length > 0 ? { msisdns } : { msisdns: [], error: NO_CORRECT_RECIPIENTS };
}

/** A number (up to 17 characters with its "+") or an alphanumeric sender id of at most 11 characters. */
function isValidOriginator(value: string): boolean {
  return /^\+?\d{1,16}$/.test(value) || /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(value);
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function optionalText(value: unknown): string | null {
  const text = scalar(value);
  return text === undefined || text === '' ? null : text;
}

/** null when absent, undefined when present but not an integer. */
function optionalInteger(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(number) ? number : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
