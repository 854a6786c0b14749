import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** Shapes only; the rules (variables, lengths, language codes) are the domain's validateMessagingAnswer. */
export class CreateAnswerDto {
  @ApiProperty({ example: 'Appointment reminder' })
  @IsString({ message: 'name must be text' })
  name!: string;

  @ApiProperty({ example: 'en' })
  @IsString({ message: 'language must be a language code such as en or es' })
  language!: string;

  @ApiProperty({ example: 'Hi {{first_name}}, your appointment is tomorrow. Reply STOP to opt out.' })
  @IsString({ message: 'body must be text' })
  body!: string;

  @ApiPropertyOptional({ example: 'there', description: 'Used when a recipient has no name.' })
  @IsOptional()
  @IsString({ message: 'defaultFirstName must be text' })
  defaultFirstName?: string;
}

export type { MessagingAnswer as AnswerView } from '@proactive-sms/service-client';
