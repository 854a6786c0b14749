import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  normaliseLanguageTag,
  renderMessagingAnswer,
  smsEncoding,
  validateMessagingAnswer,
} from '@proactive-sms/domain';
import { MessagingAnswer } from '@proactive-sms/persistence';
import { recordAudit } from '../audit/audit.service';
import { describe, FieldErrorsException } from '../errors/field-errors.exception';
import type { AnswerView, CreateAnswerDto } from './answer.dto';

@Injectable()
export class AnswerService {
  constructor(private readonly em: EntityManager) {}

  async list(filter: { language?: string }): Promise<AnswerView[]> {
    const language = filter.language ? (normaliseLanguageTag(filter.language) ?? filter.language) : undefined;
    const answers = await this.em.find(MessagingAnswer, language ? { language } : {}, {
      orderBy: { name: 'asc', id: 'asc' },
    });
    return answers.map(answerView);
  }

  async create(actor: string, dto: CreateAnswerDto): Promise<AnswerView> {
    const result = validateMessagingAnswer(dto);
    if (!result.ok) throw new FieldErrorsException(describe(result.errors), result.errors);
    return this.em.transactional(async (em) => {
      const answer = em.create(MessagingAnswer, {
        name: result.answer.name,
        language: result.answer.language,
        body: result.answer.body,
        defaultFirstName: result.answer.defaultFirstName,
      });
      await em.flush();
      recordAudit(em, {
        actor,
        action: 'answer.created',
        entityType: 'answer',
        entityId: answer.id,
        details: { name: answer.name },
      });
      return answerView(answer);
    });
  }
}

export function answerView(answer: MessagingAnswer): AnswerView {
  const text = renderMessagingAnswer(answer.body, { firstName: null, defaultFirstName: answer.defaultFirstName });
  const encoding = smsEncoding(text);
  return {
    id: answer.id,
    name: answer.name,
    language: answer.language,
    body: answer.body,
    defaultFirstName: answer.defaultFirstName,
    preview: {
      text,
      encoding: encoding.encoding,
      segments: encoding.segments,
      characters: encoding.units,
      nonGsmCharacters: encoding.nonGsmCharacters,
    },
    createdAt: answer.createdAt.toISOString(),
  };
}
