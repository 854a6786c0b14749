import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

export type { ListForecast } from '@proactive-sms/service-client';

export type { RecipientList as RecipientListView } from '@proactive-sms/service-client';

export type { ListRecipient as RecipientView } from '@proactive-sms/service-client';
