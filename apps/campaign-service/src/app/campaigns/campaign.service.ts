import { EntityManager } from '@mikro-orm/core';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  CLOSED_EVERY_DAY_WARNING,
  hasAnySendWindow,
  isClosedEveryDay,
  normaliseLanguageTag,
  parseWeeklySchedule,
  type WeeklySchedule,
} from '@proactive-sms/domain';
import {
  Campaign,
  countRecipientsByList,
  MessagingAnswer,
  Recipient,
  RecipientList,
  refreshCompletion,
  SenderNumber,
  sumStateCounts,
} from '@proactive-sms/persistence';
import { recordAudit } from '../audit/audit.service';
import { Clock } from '../clock';
import { ServiceConfig } from '../config/service-config';
import { describe, FieldErrorsException } from '../errors/field-errors.exception';
import { recomputeDueTimes } from '../recipient-lists/due-times';
import { RecipientListService } from '../recipient-lists/recipient-list.service';
import type { CampaignView, CreateCampaignDto, UpdateCampaignDto } from './campaign.dto';

@Injectable()
export class CampaignService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: ServiceConfig,
    private readonly clock: Clock,
    private readonly lists: RecipientListService,
  ) {}

  async create(actor: string, dto: CreateCampaignDto): Promise<CampaignView> {
    const resolved = await this.resolve(dto, null);
    const id = await this.em.transactional(async (em) => {
      const campaign = em.create(Campaign, {
        name: dto.name.trim(),
        description: dto.description?.trim() ?? '',
        senderNumber: resolved.senderNumber!,
        language: resolved.language!,
        answer: resolved.answer!,
        schedule: resolved.schedule!,
        slackChannelId: dto.slackChannelId,
        capCount: dto.sendCap?.count ?? null,
        capPerSeconds: dto.sendCap?.perSeconds ?? null,
        createdBy: actor,
      });
      await em.flush();
      recordAudit(em, {
        actor,
        action: 'campaign.created',
        entityType: 'campaign',
        entityId: campaign.id,
        details: { name: campaign.name },
      });
      return campaign.id;
    });
    return this.get(id);
  }

  async list(): Promise<CampaignView[]> {
    const campaigns = await this.em.find(
      Campaign,
      {},
      { orderBy: { id: 'desc' }, populate: ['senderNumber', 'answer'] },
    );
    return Promise.all(campaigns.map((campaign) => this.view(campaign)));
  }

  async get(id: number): Promise<CampaignView> {
    return this.view(await this.find(id));
  }

  /** Changes what the modal edits. A new schedule moves every waiting recipient to its new first window. */
  async update(actor: string, id: number, dto: UpdateCampaignDto): Promise<CampaignView> {
    const campaign = await this.find(id);
    if (campaign.status === 'stopped')
      throw new ConflictException(`Campaign "${campaign.name}" is stopped and can no longer be changed.`);
    const resolved = await this.resolve(dto, campaign);
    await this.em.transactional(async (em) => {
      const target = await em.findOneOrFail(Campaign, id);
      const changed: string[] = [];
      const change = <K extends keyof Campaign & string>(
        key: K,
        value: Campaign[K] | undefined,
        same = value === target[key],
      ) => {
        if (value === undefined || same) return;
        target[key] = value;
        changed.push(key);
      };
      change('name', dto.name?.trim());
      change('description', dto.description?.trim());
      change('senderNumber', resolved.senderNumber, resolved.senderNumber?.id === target.senderNumber.id);
      change('language', resolved.language);
      change('answer', resolved.answer, resolved.answer?.id === target.answer.id);
      change('slackChannelId', dto.slackChannelId);
      if (dto.sendCap !== undefined) {
        target.capCount = dto.sendCap?.count ?? null;
        target.capPerSeconds = dto.sendCap?.perSeconds ?? null;
        changed.push('sendCap');
      }
      if (resolved.schedule) {
        target.schedule = resolved.schedule;
        changed.push('schedule');
      }
      await em.flush();
      if (resolved.schedule) {
        const lists = await em.find(RecipientList, {
          campaign: id,
          status: { $in: ['scheduled', 'in_progress', 'paused'] },
        });
        await recomputeDueTimes(em, resolved.schedule, lists, this.config.legalWindow, this.clock.now());
      }
      recordAudit(em, {
        actor,
        action: 'campaign.updated',
        entityType: 'campaign',
        entityId: id,
        details: { changed },
      });
    });
    return this.get(id);
  }

  async pause(actor: string, id: number): Promise<CampaignView> {
    return this.transition(actor, id, 'paused', async (_em, campaign) => {
      if (campaign.status === 'paused') return;
      if (campaign.status !== 'active')
        throw new ConflictException(
          `Campaign "${campaign.name}" is ${campaign.status}; only an active campaign can be paused.`,
        );
      campaign.status = 'paused';
    });
  }

  async resume(actor: string, id: number): Promise<CampaignView> {
    return this.transition(actor, id, 'resumed', async (em, campaign) => {
      if (campaign.status === 'active') return;
      if (campaign.status !== 'paused')
        throw new ConflictException(
          `Campaign "${campaign.name}" is ${campaign.status}; only a paused campaign can be resumed.`,
        );
      campaign.status = 'active';
      const lists = await em.find(RecipientList, { campaign: id, status: { $in: ['scheduled', 'in_progress'] } });
      await recomputeDueTimes(em, campaign.schedule, lists, this.config.legalWindow, this.clock.now());
    });
  }

  /** Final: nobody still waiting is texted, and the campaign cannot be resumed. */
  async stop(actor: string, id: number): Promise<CampaignView> {
    return this.transition(actor, id, 'stopped', async (em, campaign) => {
      if (campaign.status === 'stopped') return;
      const now = this.clock.now();
      await em.nativeUpdate(
        Recipient,
        { campaign: id, state: 'pending' },
        { state: 'stopped', finishedAt: now, updatedAt: now },
      );
      await em.nativeUpdate(
        RecipientList,
        { campaign: id, status: { $in: ['scheduled', 'in_progress', 'paused'] } },
        { status: 'stopped', updatedAt: now },
      );
      campaign.status = 'stopped';
    });
  }

  private async transition(
    actor: string,
    id: number,
    action: string,
    change: (em: EntityManager, campaign: Campaign) => Promise<void>,
  ): Promise<CampaignView> {
    await this.em.transactional(async (em) => {
      const campaign = await em.findOne(Campaign, id);
      if (!campaign) throw new NotFoundException(`Campaign ${id} does not exist`);
      await change(em, campaign);
      await em.flush();
      if (action === 'resumed') await refreshCompletion(em, id, this.clock.now());
      recordAudit(em, { actor, action: `campaign.${action}`, entityType: 'campaign', entityId: id });
    });
    return this.get(id);
  }

  private async find(id: number): Promise<Campaign> {
    const campaign = await this.em.findOne(Campaign, id, { populate: ['senderNumber', 'answer'] });
    if (!campaign) throw new NotFoundException(`Campaign ${id} does not exist`);
    return campaign;
  }

  /**
   * Checks everything the modal asks, field by field, and answers all problems at once: the name is free,
   * the number exists and can send SMS, the answer exists in the campaign's language, the schedule is valid.
   */
  private async resolve(
    dto: Partial<CreateCampaignDto>,
    current: Campaign | null,
  ): Promise<{ senderNumber?: SenderNumber; answer?: MessagingAnswer; language?: string; schedule?: WeeklySchedule }> {
    const fields: Record<string, string> = {};
    const resolved: {
      senderNumber?: SenderNumber;
      answer?: MessagingAnswer;
      language?: string;
      schedule?: WeeklySchedule;
    } = {};

    if (dto.name !== undefined) {
      const name = dto.name.trim();
      if (!name) fields['name'] = 'Campaign Name is required';
      else {
        const clash = await this.em.findOne(Campaign, { name });
        if (clash && clash.id !== current?.id)
          fields['name'] = `A campaign named "${name}" already exists. Pick another name.`;
      }
    }
    if (dto.senderNumberId !== undefined) {
      const number = await this.em.findOne(SenderNumber, dto.senderNumberId);
      if (!number)
        fields['senderNumberId'] =
          `Phone number ${dto.senderNumberId} does not exist. Register it first (/sms-campaign number).`;
      else if (!number.smsCapable)
        fields['senderNumberId'] = `${number.number} (${number.label}) cannot send SMS. Pick an SMS-capable number.`;
      else resolved.senderNumber = number;
    }
    if (dto.language !== undefined) {
      const language = normaliseLanguageTag(dto.language);
      if (!language) fields['language'] = `"${dto.language}" is not a language code. Use one such as en, es or fr-CA.`;
      else resolved.language = language;
    }
    const language = resolved.language ?? current?.language;
    const answerId = dto.answerId ?? (resolved.language && current ? current.answer.id : undefined);
    if (answerId !== undefined) {
      const answer = await this.em.findOne(MessagingAnswer, answerId);
      if (!answer) fields['answerId'] = `Messaging Answer ${answerId} does not exist.`;
      else if (language && answer.language !== language) {
        fields['answerId'] =
          `The answer "${answer.name}" is in ${answer.language}, not ${language}. Pick an answer in ${language}.`;
      } else resolved.answer = answer;
    }
    if (dto.schedule !== undefined) {
      const schedule = parseWeeklySchedule(dto.schedule);
      if (!schedule.ok)
        for (const [key, message] of Object.entries(schedule.errors)) fields[`schedule.${key}`] = message;
      else resolved.schedule = schedule.schedule;
    }
    if (Object.keys(fields).length > 0) throw new FieldErrorsException(describe(fields), fields);
    return resolved;
  }

  private async view(campaign: Campaign): Promise<CampaignView> {
    const lists = await this.em.find(
      RecipientList,
      { campaign: campaign.id },
      { orderBy: { id: 'asc' }, populate: ['campaign'] },
    );
    const listViews = await this.lists.views(campaign, lists);
    const counts = sumStateCounts((await countRecipientsByList(this.em, { campaignIds: [campaign.id] })).values());
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return {
      id: campaign.id,
      name: campaign.name,
      description: campaign.description,
      status: campaign.status,
      senderNumber: {
        id: campaign.senderNumber.id,
        number: campaign.senderNumber.number,
        label: campaign.senderNumber.label,
        inboxChannelId: campaign.senderNumber.inboxChannelId,
        messagesPerSecond: campaign.senderNumber.messagesPerSecond,
      },
      language: campaign.language,
      answer: { id: campaign.answer.id, name: campaign.answer.name },
      schedule: campaign.schedule,
      slackChannelId: campaign.slackChannelId,
      sendCap:
        campaign.capCount && campaign.capPerSeconds
          ? { count: campaign.capCount, perSeconds: campaign.capPerSeconds }
          : null,
      warnings: campaignWarnings(campaign.schedule, this.config),
      counters: { ...counts, total },
      lists: listViews,
      createdBy: campaign.createdBy,
      createdAt: campaign.createdAt.toISOString(),
      updatedAt: campaign.updatedAt.toISOString(),
    };
  }
}

export function campaignWarnings(schedule: WeeklySchedule, config: ServiceConfig): string[] {
  if (isClosedEveryDay(schedule)) return [CLOSED_EVERY_DAY_WARNING];
  if (!hasAnySendWindow(schedule, config.legalWindow)) {
    return ['The schedule is open only outside the legal sending hours: nothing will be sent until it overlaps them.'];
  }
  return [];
}
