// Reading requests the way Slack's Web API does: form-encoded or JSON bodies, query strings, and the
// multipart form @slack/web-api sends to an upload URL. Form values are strings, so parameters that
// Slack documents as JSON (blocks, view, files…) are decoded here, once, for handlers and the record.
import type { IncomingMessage } from 'node:http';

/** Big enough for any CSV a test uploads, small enough that a runaway client cannot fill memory. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

const JSON_VALUED_PARAMS = ['blocks', 'attachments', 'view', 'files', 'metadata', 'unfurls'];

export type Args = Record<string, unknown>;

export class BodyTooLargeError extends Error {}

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface ParsedArgs {
  args: Args;
  /** Slack takes a `token` parameter from query and form bodies, never from JSON bodies. */
  tokenParam?: string;
  invalidJson?: boolean;
}

export async function parseMethodArgs(req: IncomingMessage, url: URL, raw: Buffer): Promise<ParsedArgs> {
  const query = Object.fromEntries(url.searchParams);
  const type = mediaType(req);
  let body: Args = {};
  let bodyMayCarryToken = true;
  if (type === 'application/json') {
    bodyMayCarryToken = false;
    try {
      const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      if (!isRecord(parsed)) return { args: query, invalidJson: true };
      body = parsed;
    } catch {
      return { args: query, invalidJson: true };
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  } else if (type === 'multipart/form-data') {
    body = (await parseMultipart(raw, req.headers['content-type'] ?? '')).fields;
  }
  const merged: Args = { ...query, ...body };
  const tokenParam = stringOf(bodyMayCarryToken ? merged['token'] : query['token']);
  delete merged['token'];
  for (const key of JSON_VALUED_PARAMS) merged[key] = decodeJsonParam(merged[key]);
  return { args: dropUndefined(merged), tokenParam };
}

export interface MultipartBody {
  fields: Args;
  files: { field: string; filename: string; type: string; bytes: Buffer }[];
}

/** Multipart parsing by the platform's own (undici) parser instead of a hand-written one. */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<MultipartBody> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const fields: Args = {};
  const files: MultipartBody['files'] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') fields[field] = value;
    else files.push({ field, filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { fields, files };
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeJsonParam(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // left as sent: the handler answers invalid_arguments
  }
}

function dropUndefined(args: Args): Args {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}
