// File objects shaped like files.info's, with URLs that point back at the sandbox so a bot downloads
// through the same authenticated route it would use on files.slack.com.
import { extname } from 'node:path';
import type { FileShare, SandboxFileObject } from './sandbox-types';

interface FileKind {
  filetype: string;
  pretty: string;
  mimetype: string;
}

const KINDS: Record<string, FileKind> = {
  csv: { filetype: 'csv', pretty: 'CSV', mimetype: 'text/csv' },
  txt: { filetype: 'text', pretty: 'Plain Text', mimetype: 'text/plain' },
  json: { filetype: 'json', pretty: 'JSON', mimetype: 'application/json' },
  png: { filetype: 'png', pretty: 'PNG', mimetype: 'image/png' },
  pdf: { filetype: 'pdf', pretty: 'PDF', mimetype: 'application/pdf' },
  zip: { filetype: 'zip', pretty: 'Zip', mimetype: 'application/zip' },
  xlsx: {
    filetype: 'xlsx',
    pretty: 'Excel Spreadsheet',
    mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
};

export function fileKind(name: string): FileKind {
  const ext = extname(name).slice(1).toLowerCase();
  return (
    KINDS[ext] ?? {
      filetype: ext || 'binary',
      pretty: ext ? ext.toUpperCase() : 'Binary',
      mimetype: 'application/octet-stream',
    }
  );
}

export interface FileObjectInput {
  id: string;
  name: string;
  title?: string;
  mimetype?: string;
  user: string;
  size: number;
  altText?: string;
}

export function buildFileObject(base: string, teamId: string, input: FileObjectInput): SandboxFileObject {
  const kind = fileKind(input.name);
  const now = Math.floor(Date.now() / 1000);
  const name = encodeURIComponent(input.name);
  return {
    id: input.id,
    created: now,
    timestamp: now,
    name: input.name,
    title: input.title ?? input.name,
    mimetype: input.mimetype ?? kind.mimetype,
    filetype: kind.filetype,
    pretty_type: kind.pretty,
    user: input.user,
    user_team: teamId,
    editable: false,
    size: input.size,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${base}/files-pri/${teamId}-${input.id}/${name}`,
    url_private_download: `${base}/files-pri/${teamId}-${input.id}/download/${name}`,
    permalink: `${base}/files/${input.user}/${input.id}/${name}`,
    permalink_public: `${base}/${teamId}-${input.id}-public`,
    channels: [],
    groups: [],
    ims: [],
    shares: {},
    comments_count: 0,
    has_rich_preview: false,
    file_access: 'visible',
    ...(input.altText === undefined ? {} : { alt_txt: input.altText }),
  };
}

/** Record a share the way Slack lists it: public channels under `channels`, private under `groups`. */
export function addShare(
  file: SandboxFileObject,
  channel: { id: string; name: string; isPrivate: boolean; isIm: boolean },
  share: FileShare,
): void {
  const list = channel.isIm ? file.ims : channel.isPrivate ? file.groups : file.channels;
  if (!list.includes(channel.id)) list.push(channel.id);
  if (!file.is_public && !channel.isPrivate && !channel.isIm) file.is_public = true;
  const bucket = channel.isPrivate || channel.isIm ? 'private' : 'public';
  const shares = (file.shares[bucket] ??= {});
  (shares[channel.id] ??= []).push(share);
}
