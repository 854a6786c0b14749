// The contract of the campaign service's HTTP API (apps/campaign-service/README.md), written once: the
// service builds its responses as these types (it imports them) and callers over HTTP read them.
import type { RecipientState, WeeklySchedule } from '@proactive-sms/domain';

export type StateCounts = Record<RecipientState, number>;

export type SenderNumber = {
  id: number;
  number: string;
  label: string;
  smsCapable: boolean;
  inboxChannelId: string;
  messagesPerSecond: number;
  createdAt: string;
};

export type NewSenderNumber = {
  number: string;
  label: string;
  inboxChannelId: string;
  smsCapable?: boolean;
  messagesPerSecond?: number;
};

export type AnswerPreview = {
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  characters: number;
  nonGsmCharacters: string[];
};

export type MessagingAnswer = {
  id: number;
  name: string;
  language: string;
  body: string;
  defaultFirstName: string | null;
  preview: AnswerPreview;
  createdAt: string;
};

export type NewMessagingAnswer = { name: string; language: string; body: string; defaultFirstName?: string };

export type ListForecast = {
  firstSendAt: string | null;
  lastSendAt: string | null;
  notReachableBeforeEnd: number;
};

export type ListProgress = { handled: number; total: number; percent: number };

export type RecipientList = {
  id: number;
  campaignId: number;
  fileName: string;
  status: string;
  outreachStartAt: string;
  outreachEndAt: string | null;
  recipients: number;
  duplicates: number;
  skippedOptedOut: number;
  skippedAlreadyInCampaign: number;
  counts: StateCounts;
  progress: ListProgress;
  forecast: ListForecast;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
};

/** One recipient of a list: where they are and what happened to their text. */
export type ListRecipient = {
  id: number;
  /** The CSV line it came from. */
  line: number;
  phone: string;
  timezone: string;
  name: string | null;
  state: string;
  dueAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  error: string | null;
};

export type RecipientPage = { total: number; offset: number; limit: number; items: ListRecipient[] };

export type UploadAccepted = RecipientList & {
  warnings: { line: number | null; reason: string; message: string }[];
  messagePreview: { segments: number; encoding: string; unicodeRecipients: number; text: string };
};

export type CampaignStatus = 'active' | 'paused' | 'stopped' | 'completed';

export type Campaign = {
  id: number;
  name: string;
  description: string;
  status: CampaignStatus;
  senderNumber: { id: number; number: string; label: string; inboxChannelId: string; messagesPerSecond: number };
  language: string;
  answer: { id: number; name: string };
  schedule: WeeklySchedule;
  slackChannelId: string;
  sendCap: { count: number; perSeconds: number } | null;
  warnings: string[];
  counters: StateCounts & { total: number };
  lists: RecipientList[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

/** What the Slack modal collects; the schedule is checked by the service, day by day. */
export type NewCampaign = {
  name: string;
  description?: string;
  senderNumberId: number;
  language: string;
  answerId: number;
  schedule: Record<string, unknown>;
  slackChannelId: string;
  sendCap?: { count: number; perSeconds: number } | null;
};

export type NewRecipientList = {
  fileName: string;
  bytes: Uint8Array;
  /** `YYYY-MM-DDTHH:mm`, applied in each recipient's own zone. */
  outreachStartAt: string;
  outreachEndAt?: string;
};

export type CampaignDigest = {
  id: number;
  name: string;
  status: string;
  slackChannelId: string;
  senderNumber: string;
  lists: Pick<
    RecipientList,
    'id' | 'fileName' | 'status' | 'counts' | 'progress' | 'forecast' | 'outreachStartAt' | 'outreachEndAt'
  >[];
  totals: {
    recipients: number;
    sent: number;
    delivered: number;
    failed: number;
    unknown: number;
    optedOut: number;
    replies: number;
    notReached: number;
    pending: number;
  };
  expectedFinish: string | null;
  warnings: string[];
};

export type Digest = { generatedAt: string; campaigns: CampaignDigest[] };

export const OUTBOX_KINDS = ['reply', 'opt_out', 'opt_in', 'alert', 'list_completed'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export type OutboxItem = {
  id: number;
  kind: OutboxKind;
  channelId: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** The thread of earlier messages about the same phone in the same channel. */
  threadTs: string | null;
  createdAt: string;
};

/** The body of a refused list (422): nothing of it was stored. */
export type RefusedUpload = {
  message: string;
  errorCount: number;
  errors: { line: number | null; reason: string; message: string }[];
  errorLogUrl: string;
};

export type DownloadedFile = { bytes: Buffer; fileName: string; contentType: string };
