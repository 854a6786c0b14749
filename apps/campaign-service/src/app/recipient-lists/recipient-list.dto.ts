import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StateCounts } from '@proactive-sms/persistence';

export class UploadRecipientListDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The CSV: timezone, phone_number, name (UTF-8).' })
  file!: unknown;

  @ApiProperty({ example: '2026-12-01T09:00', description: "Local wall clock, applied in each recipient's own zone." })
  outreachStartAt!: string;

  @ApiPropertyOptional({
    example: '2026-12-05T17:00',
    description: "Optional end, local wall clock in each recipient's zone.",
  })
  outreachEndAt?: string;
}

export type ListForecast = {
  /** When the first message of the list goes (or went) out. */
  firstSendAt: string | null;
  /** When the list is expected to finish. */
  lastSendAt: string | null;
  /** Recipients who will not (or did not) get a message before the list's end. */
  notReachableBeforeEnd: number;
};

export type RecipientListView = {
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
  progress: { handled: number; total: number; percent: number };
  forecast: ListForecast;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
};

export type RecipientView = {
  id: number;
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
