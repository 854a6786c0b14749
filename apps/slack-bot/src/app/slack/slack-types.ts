import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;
export type MessageMetadata = types.MessageMetadata;

export type Message = { text: string; blocks?: KnownBlock[] };

/** What the bot needs of a Slack file (files.info or an event's file object). */
export type SlackFile = {
  id: string;
  name: string;
  size: number;
  mimetype: string;
  filetype: string;
  urlPrivateDownload: string | null;
  /** The ts of the share in each channel (thread_ts when it was shared inside a thread). */
  shares: Record<string, { ts: string; threadTs?: string }>;
};
