// The two byte routes around the Web API:
// - GET /files-pri/<team>-<file>/download/<name> (and /files-pri/<team>-<file>/<name>): the
//   url_private(_download) of a file, which Slack serves only with the bot token in Authorization.
// - POST /upload/v1/<key>: the upload_url from files.getUploadURLExternal. @slack/web-api posts the bytes
//   as multipart/form-data (one part, field "body"); a raw body is accepted too, as Slack does. The URL
//   is its own credential, so no token is required.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './http-replies';
import { bearerToken, mediaType, parseMultipart, readRawBody } from './request-body';
import type { SandboxCore } from './sandbox-core';

const DOWNLOAD_PATH = /^\/files-pri\/([A-Z0-9]+)-([A-Z0-9]+)\/(download\/)?([^/]+)$/;

export function isDownloadPath(path: string): boolean {
  return DOWNLOAD_PATH.test(path);
}

export function handleDownload(core: SandboxCore, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const [, team, fileId, download, name] = DOWNLOAD_PATH.exec(url.pathname)!;
  const token = bearerToken(req);
  const record = (status: number, error?: string): void => {
    core.recorder.record({
      method: 'download',
      args: { file_id: fileId, name: decodeURIComponent(name!), path: url.pathname },
      ...(token === undefined ? {} : { token }),
      status,
      ...(error === undefined ? {} : { error }),
    });
  };
  if (token === undefined) {
    record(401, 'not_authed');
    return sendText(res, 401, 'Unauthorized: send the bot token as Authorization: Bearer <token>');
  }
  if (token !== core.botToken) {
    record(403, 'invalid_auth');
    return sendText(res, 403, 'Forbidden');
  }
  const stored = core.workspace.files.get(fileId!);
  if (team !== core.workspace.teamId || !stored) {
    record(404, 'file_not_found');
    return sendText(res, 404, 'Not Found');
  }
  const failure = core.failures.take('download');
  if (failure) {
    record(failure.status, failure.error);
    return sendText(res, failure.status === 200 ? 500 : failure.status, failure.error);
  }
  if (stored.redirectTo !== undefined) {
    record(302);
    res.writeHead(302, { location: stored.redirectTo, 'content-length': '0' });
    return void res.end();
  }
  record(200);
  res.writeHead(200, {
    'content-type': stored.file.mimetype,
    'content-length': String(stored.content.length),
    ...(download ? { 'content-disposition': `attachment; filename="${encodeURIComponent(stored.file.name)}"` } : {}),
  });
  res.end(stored.content);
}

export async function handleUpload(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const key = url.pathname.slice('/upload/v1/'.length);
  const raw = await readRawBody(req);
  const token = bearerToken(req);
  const pending = core.workspace.uploads.get(key);
  const base = { method: 'upload', ...(token === undefined ? {} : { token }) };
  if (!pending) {
    core.recorder.record({ ...base, args: { key }, status: 404, error: 'upload_not_found' });
    return sendText(res, 404, 'Not Found');
  }
  const failure = core.failures.take('upload');
  if (failure) {
    core.recorder.record({ ...base, args: { file_id: pending.fileId }, status: failure.status, error: failure.error });
    return sendText(res, failure.status === 200 ? 500 : failure.status, failure.error);
  }
  const type = mediaType(req);
  let bytes = raw;
  let partName: string | undefined;
  if (type === 'multipart/form-data') {
    const part = (await parseMultipart(raw, req.headers['content-type'] ?? '')).files[0];
    if (!part) {
      core.recorder.record({ ...base, args: { file_id: pending.fileId }, status: 400, error: 'no_file_part' });
      return sendText(res, 400, 'multipart body without a file part');
    }
    bytes = part.bytes;
    partName = part.filename;
  }
  pending.bytes = bytes;
  core.recorder.record({
    ...base,
    args: {
      file_id: pending.fileId,
      filename: pending.filename,
      declared_length: pending.length,
      size: bytes.length,
      content_type: type,
      ...(partName === undefined ? {} : { part_filename: partName }),
    },
    status: 200,
    bytesBase64: bytes.toString('base64'),
  });
  sendText(res, 200, `OK - ${bytes.length}`);
}
