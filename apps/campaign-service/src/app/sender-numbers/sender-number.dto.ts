import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;

export class CreateSenderNumberDto {
  @ApiProperty({ example: '+1 (415) 555-0100', description: 'Any format with the country code; stored as E.164.' })
  @IsString({ message: 'number must be text, e.g. +1 415 555 0100' })
  @IsNotEmpty({ message: 'number is required, with its country code (e.g. +1 415 555 0100)' })
  number!: string;

  @ApiProperty({ example: 'Support US' })
  @IsString({ message: 'label must be text' })
  @Length(1, 100, { message: 'label is required (1–100 characters)' })
  label!: string;

  @ApiPropertyOptional({ default: true, description: 'Only SMS-capable numbers can send campaigns.' })
  @IsOptional()
  @IsBoolean({ message: 'smsCapable must be true or false' })
  smsCapable?: boolean;

  @ApiProperty({ example: 'C0123456789', description: 'The Slack channel where replies to this number go.' })
  @IsString({ message: 'inboxChannelId must be a Slack channel id' })
  @Matches(SLACK_CHANNEL_ID, { message: 'inboxChannelId must be a Slack channel id such as C0123456789' })
  inboxChannelId!: string;

  @ApiPropertyOptional({ default: 1, description: 'Carrier throughput for this number (10DLC default 1).' })
  @IsOptional()
  @IsNumber({}, { message: 'messagesPerSecond must be a number' })
  @Min(0.01, { message: 'messagesPerSecond must be at least 0.01' })
  @Max(1000, { message: 'messagesPerSecond must be at most 1000' })
  messagesPerSecond?: number;
}

export type { SenderNumber as SenderNumberView } from '@proactive-sms/service-client';
