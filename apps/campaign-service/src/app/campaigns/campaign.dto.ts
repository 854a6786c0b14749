import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../parse-id.pipe';
import { SLACK_CHANNEL_ID } from '../sender-numbers/sender-number.dto';

const SCHEDULE_EXAMPLE = {
  monday: { closed: false, open: '09:00', close: '17:00' },
  tuesday: { closed: false, open: '09:00', close: '17:00' },
  wednesday: { closed: true },
};

export class SendCapDto {
  @ApiProperty({ example: 40 })
  @IsInt({ message: 'sendCap.count must be a whole number' })
  @Min(1, { message: 'sendCap.count must be at least 1' })
  @Max(100000, { message: 'sendCap.count must be at most 100000' })
  count!: number;

  @ApiProperty({ example: 300 })
  @IsInt({ message: 'sendCap.perSeconds must be a whole number of seconds' })
  @Min(1, { message: 'sendCap.perSeconds must be at least 1' })
  @Max(86400, { message: 'sendCap.perSeconds must be at most 86400 (a day)' })
  perSeconds!: number;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'November reminders' })
  @IsString({ message: 'Campaign Name must be text' })
  @Length(1, 100, { message: 'Campaign Name is required (at most 100 characters)' })
  name!: string;

  @ApiPropertyOptional({ example: 'Reminds customers of their appointments' })
  @IsOptional()
  @IsString({ message: 'Description must be text' })
  @MaxLength(500, { message: 'Description is at most 500 characters' })
  description?: string;

  @ApiProperty({ example: 1 })
  @IsInt({ message: 'Pick the phone number the campaign sends from' })
  @Min(1, { message: 'Pick the phone number the campaign sends from' })
  @Max(MAX_ID, { message: 'Pick the phone number the campaign sends from' })
  senderNumberId!: number;

  @ApiProperty({ example: 'en' })
  @IsString({ message: 'Pick a language' })
  @Length(2, 16, { message: 'Pick a language' })
  language!: string;

  @ApiProperty({ example: 1 })
  @IsInt({ message: 'Pick the Messaging Answer to send' })
  @Min(1, { message: 'Pick the Messaging Answer to send' })
  @Max(MAX_ID, { message: 'Pick the Messaging Answer to send' })
  answerId!: number;

  @ApiProperty({
    example: SCHEDULE_EXAMPLE,
    description: 'Per day { closed } or { closed: false, open, close } (HH:MM). A missing day is closed.',
  })
  @IsObject({ message: 'schedule must be an object with a key per day' })
  schedule!: Record<string, unknown>;

  @ApiProperty({ example: 'C0123456789', description: 'The channel where the campaign and its digests are posted.' })
  @Matches(SLACK_CHANNEL_ID, { message: 'slackChannelId must be a Slack channel id such as C0123456789' })
  slackChannelId!: string;

  @ApiPropertyOptional({
    type: SendCapDto,
    nullable: true,
    description: 'Optional cap for the whole campaign, e.g. 40 per 300 s.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SendCapDto)
  sendCap?: SendCapDto | null;
}

export class UpdateCampaignDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'Campaign Name must be text' })
  @Length(1, 100, { message: 'Campaign Name is required (at most 100 characters)' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'Description must be text' })
  @MaxLength(500, { message: 'Description is at most 500 characters' })
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'Pick the phone number the campaign sends from' })
  @Min(1, { message: 'Pick the phone number the campaign sends from' })
  @Max(MAX_ID, { message: 'Pick the phone number the campaign sends from' })
  senderNumberId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'Pick a language' })
  @Length(2, 16, { message: 'Pick a language' })
  language?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'Pick the Messaging Answer to send' })
  @Min(1, { message: 'Pick the Messaging Answer to send' })
  @Max(MAX_ID, { message: 'Pick the Messaging Answer to send' })
  answerId?: number;

  @ApiPropertyOptional({ example: SCHEDULE_EXAMPLE })
  @IsOptional()
  @IsObject({ message: 'schedule must be an object with a key per day' })
  schedule?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLACK_CHANNEL_ID, { message: 'slackChannelId must be a Slack channel id such as C0123456789' })
  slackChannelId?: string;

  @ApiPropertyOptional({ type: SendCapDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SendCapDto)
  sendCap?: SendCapDto | null;
}

export type { Campaign as CampaignView } from '@proactive-sms/service-client';
