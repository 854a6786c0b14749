// files.info and the two Web API halves of files.uploadV2: getUploadURLExternal hands out an upload URL
// on this sandbox (the bytes arrive there, see routes-files.ts), completeUploadExternal turns the
// uploaded bytes into a file and shares it in the channel/thread.
import { isRecord } from './request-body';
import { buildFileObject } from './file-objects';
import { arg, fail, ok, type MethodHandler } from './method-context';
import { BOT_USER_ID } from './sandbox-defaults';
import type { SandboxFileObject, SandboxMessage } from './sandbox-types';

/** Slack's upper bound for one file. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export const filesInfo: MethodHandler = ({ args, workspace }) => {
  const id = arg(args, 'file');
  const stored = id === undefined ? undefined : workspace.files.get(id);
  if (!stored) return fail('file_not_found');
  return ok({ file: structuredClone(stored.file), comments: [], response_metadata: { next_cursor: '' } });
};

export const filesGetUploadURLExternal: MethodHandler = ({ args, workspace, base }) => {
  const filename = arg(args, 'filename');
  const length = Number(arg(args, 'length'));
  if (filename === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: filename']);
  if (!Number.isInteger(length) || length < 1)
    return fail('invalid_arguments', ['[ERROR] length must be a positive integer']);
  if (length > MAX_FILE_BYTES) return fail('file_size_exceeded');
  const key = workspace.ids.secret();
  const fileId = workspace.ids.next('F');
  const altText = arg(args, 'alt_text') ?? arg(args, 'alt_txt');
  workspace.uploads.set(key, { key, fileId, filename, length, ...(altText === undefined ? {} : { altText }) });
  return ok({ upload_url: `${base}/upload/v1/${key}`, file_id: fileId });
};

export const filesCompleteUploadExternal: MethodHandler = ({ args, workspace, base }) => {
  const requested = args['files'];
  if (!Array.isArray(requested) || requested.length === 0)
    return fail('invalid_arguments', ['[ERROR] files must be a non-empty array']);
  const channelRef = arg(args, 'channel_id') ?? arg(args, 'channels');
  const threadTs = arg(args, 'thread_ts');
  if (threadTs !== undefined && channelRef === undefined)
    return fail('invalid_arguments', ['[ERROR] thread_ts requires channel_id']);
  const channel = channelRef === undefined ? undefined : workspace.postableChannel(channelRef);
  if (channel && 'error' in channel) return fail(channel.error);

  const pending = [...workspace.uploads.values()];
  const files: SandboxFileObject[] = [];
  for (const entry of requested) {
    const id = isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : undefined;
    const upload = pending.find((u) => u.fileId === id);
    // Completing a file whose bytes never arrived is a bug worth failing loudly on.
    if (!upload?.bytes) return fail('file_not_found');
    const title = isRecord(entry) && typeof entry['title'] === 'string' ? entry['title'] : upload.filename;
    files.push(
      buildFileObject(base, workspace.teamId, {
        id: upload.fileId,
        name: upload.filename,
        title,
        user: BOT_USER_ID,
        size: upload.bytes.length,
        ...(upload.altText === undefined ? {} : { altText: upload.altText }),
      }),
    );
  }
  for (const file of files) {
    const upload = pending.find((u) => u.fileId === file.id)!;
    workspace.uploads.delete(upload.key);
    workspace.files.set(file.id, { file, content: upload.bytes! });
  }
  if (channel) {
    const comment = arg(args, 'initial_comment');
    const message: SandboxMessage = workspace.botMessage({
      text: comment ?? '',
      upload: true,
      ...(args['blocks'] === undefined ? {} : { blocks: args['blocks'] }),
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    });
    for (const file of files) workspace.shareFile(file, channel, message, BOT_USER_ID);
  }
  return ok({ files: files.map((f) => structuredClone(f)) });
};
