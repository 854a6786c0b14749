import { EntityManager } from '@mikro-orm/core';
import { ConflictException, Injectable } from '@nestjs/common';
import { normalisePhoneNumber } from '@proactive-sms/domain';
import { SenderNumber } from '@proactive-sms/persistence';
import { recordAudit } from '../audit/audit.service';
import { FieldErrorsException } from '../errors/field-errors.exception';
import type { CreateSenderNumberDto, SenderNumberView } from './sender-number.dto';

@Injectable()
export class SenderNumberService {
  constructor(private readonly em: EntityManager) {}

  async list(filter: { smsCapable?: boolean }): Promise<SenderNumberView[]> {
    const where = filter.smsCapable === undefined ? {} : { smsCapable: filter.smsCapable };
    const numbers = await this.em.find(SenderNumber, where, { orderBy: { id: 'asc' } });
    return numbers.map(senderNumberView);
  }

  async create(actor: string, dto: CreateSenderNumberDto): Promise<SenderNumberView> {
    const phone = normalisePhoneNumber(dto.number);
    if (!phone.ok) throw new FieldErrorsException(phone.message, { number: phone.message });
    const existing = await this.em.findOne(SenderNumber, { number: phone.e164 });
    if (existing) {
      const message = `${phone.e164} is already registered (sender number ${existing.id}, "${existing.label}")`;
      throw new ConflictException({ statusCode: 409, message, fields: { number: message } });
    }
    return this.em.transactional(async (em) => {
      const number = em.create(SenderNumber, {
        number: phone.e164,
        label: dto.label.trim(),
        smsCapable: dto.smsCapable ?? true,
        inboxChannelId: dto.inboxChannelId,
        messagesPerSecond: dto.messagesPerSecond ?? 1,
      });
      await em.flush();
      recordAudit(em, {
        actor,
        action: 'sender_number.created',
        entityType: 'sender_number',
        entityId: number.id,
        details: { number: number.number },
      });
      return senderNumberView(number);
    });
  }
}

export function senderNumberView(number: SenderNumber): SenderNumberView {
  return {
    id: number.id,
    number: number.number,
    label: number.label,
    smsCapable: number.smsCapable,
    inboxChannelId: number.inboxChannelId,
    messagesPerSecond: number.messagesPerSecond,
    createdAt: number.createdAt.toISOString(),
  };
}
