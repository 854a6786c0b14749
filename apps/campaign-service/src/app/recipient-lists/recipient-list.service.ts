import { EntityManager } from '@mikro-orm/core';
import {
  ConflictException,
  HttpStatus,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  answerPreview,
  type CsvIssue,
  errorLogCsv,
  parseRecipientCsv,
  type RecipientRow,
  validateOutreach,
} from '@proactive-sms/domain';
import {
  Campaign,
  countRecipientsByList,
  emptyStateCounts,
  OptOut,
  Recipient,
  RecipientList,
  refreshCompletion,
  RefusedUpload,
  insertRows,
  queryRows,
} from '@proactive-sms/persistence';
import type { UploadAccepted } from '@proactive-sms/service-client';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service';
import { Clock } from '../clock';
import { ServiceConfig } from '../config/service-config';
import { describe, FieldErrorsException } from '../errors/field-errors.exception';
import { DueTimeCalculator, recomputeDueTimes } from './due-times';
import { forecastCampaignLists, type WrittenList } from './list-forecast';
import type { ListForecast, RecipientListView, RecipientView } from './recipient-list.dto';

/** Phones per IN (…) lookup. */
const LOOKUP_CHUNK = 900;

export type UploadInput = {
  campaignId: number;
  fileName: string;
  bytes: Uint8Array;
  outreachStartAt: string | undefined;
  outreachEndAt: string | undefined;
};

export type { UploadAccepted } from '@proactive-sms/service-client';

@Injectable()
export class RecipientListService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: ServiceConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Validates a CSV and, when every row is right, stores the list and its recipients in one transaction.
   * A refused file stores nothing but its error log, which the admin downloads from the Slack thread.
   */
  async upload(actor: string, input: UploadInput): Promise<UploadAccepted> {
    const now = this.clock.now();
    const campaign = await this.em.findOne(Campaign, input.campaignId, { populate: ['senderNumber', 'answer'] });
    if (!campaign) throw new NotFoundException(`Campaign ${input.campaignId} does not exist`);
    if (campaign.status === 'stopped') {
      throw new ConflictException(
        `Campaign "${campaign.name}" is stopped: recipients cannot be added. Create a new campaign.`,
      );
    }

    const outreach = validateOutreach({
      start: input.outreachStartAt ?? '',
      end: input.outreachEndAt,
      now,
      orgTimeZone: this.config.orgTimeZone,
    });
    if (!outreach.ok) {
      const fields = outreach.errors as Record<string, string>;
      if (!input.outreachStartAt)
        fields['outreachStartAt'] =
          'Outreach start is required, as local wall clock YYYY-MM-DDTHH:mm (e.g. 2026-12-01T09:00)';
      throw new FieldErrorsException(describe(fields), fields);
    }

    const parsed = await parseRecipientCsv(input.bytes);
    if (!parsed.ok) throw await this.refuse(actor, campaign, input.fileName, parsed.errors);

    const rows = parsed.rows;
    const { optedOut, alreadyInCampaign } = await this.existingPhones(
      campaign,
      rows.map((row) => row.phone),
    );
    const calculator = new DueTimeCalculator(
      campaign.schedule,
      this.config.legalWindow,
      outreach.start,
      outreach.end,
      now,
    );

    const created = await this.em.transactional(async (em) => {
      const accepted = rows.filter((row) => !optedOut.has(row.phone) && !alreadyInCampaign.has(row.phone));
      const list = em.create(RecipientList, {
        campaign,
        fileName: input.fileName,
        outreachStartAt: input.outreachStartAt!,
        outreachEndAt: input.outreachEndAt?.trim() ? input.outreachEndAt : null,
        recipients: accepted.length,
        duplicates: parsed.warnings.length,
        skippedOptedOut: rows.filter((row) => optedOut.has(row.phone)).length,
        skippedAlreadyInCampaign: rows.filter((row) => alreadyInCampaign.has(row.phone) && !optedOut.has(row.phone))
          .length,
        createdBy: actor,
      });
      if (campaign.status === 'completed') campaign.status = 'active';
      await em.flush();

      // One bound multi-row insert per ~4,000 rows (see insertRows): the list's size costs the database's
      // time, not the ORM's.
      await insertRows(
        em,
        'recipients',
        { list_id: list.id, campaign_id: campaign.id, state: 'pending', attempts: 0 },
        ['line', 'phone', 'timezone', 'name', 'due_at', 'end_at', 'created_at', 'updated_at'],
        accepted.map((row) => {
          const { dueAt, endAt } = calculator.forZone(row.timeZone);
          return [row.line, row.phone, row.timeZone, row.name, dueAt, endAt, now, now];
        }),
      );
      recordAudit(em, {
        actor,
        action: 'recipient_list.created',
        entityType: 'recipient_list',
        entityId: list.id,
        details: {
          campaignId: campaign.id,
          fileName: input.fileName,
          recipients: accepted.length,
          outreachStartAt: list.outreachStartAt,
          outreachEndAt: list.outreachEndAt,
        },
      });
      await em.flush();
      if (accepted.length === 0) await refreshCompletion(em, campaign.id, now);
      const recipients = accepted.map((row) => ({ timezone: row.timeZone, ...calculator.forZone(row.timeZone) }));
      return { list, written: { listId: list.id, recipients } };
    });

    // The list as just written: neither it nor its recipients are read back for the counts and the forecast.
    const [view] = await this.views(campaign, [created.list], created.written);
    const preview = answerPreview(
      campaign.answer.body,
      campaign.answer.defaultFirstName ?? '',
      rows.map((row) => row.name),
    );
    return {
      ...view!,
      warnings: parsed.warnings.map(({ line, reason, message }) => ({ line, reason, message })),
      messagePreview: {
        segments: preview.worst.segments,
        encoding: preview.worst.encoding,
        unicodeRecipients: preview.unicodeRecipients,
        text: preview.text,
      },
    };
  }

  async get(listId: number): Promise<RecipientListView> {
    return this.view(listId);
  }

  async recipients(
    listId: number,
    page: { offset: number; limit: number },
  ): Promise<{ total: number; offset: number; limit: number; items: RecipientView[] }> {
    const list = await this.findList(listId);
    const [items, total] = await this.em.findAndCount(
      Recipient,
      { list: list.id },
      { orderBy: { line: 'asc', id: 'asc' }, offset: page.offset, limit: page.limit },
    );
    return { total, offset: page.offset, limit: page.limit, items: items.map(recipientView) };
  }

  async pause(actor: string, listId: number): Promise<RecipientListView> {
    return this.transition(actor, listId, 'paused', async (em, list) => {
      if (list.status === 'paused') return;
      this.assertOpen(list, 'paused');
      list.status = 'paused';
      await em.flush();
    });
  }

  async resume(actor: string, listId: number): Promise<RecipientListView> {
    return this.transition(actor, listId, 'resumed', async (em, list) => {
      if (list.status !== 'paused') {
        this.assertOpen(list, 'resumed');
        return;
      }
      const counts = (await countRecipientsByList(em, { listIds: [list.id] })).get(list.id) ?? emptyStateCounts();
      list.status = counts.pending === list.recipients ? 'scheduled' : 'in_progress';
      await recomputeDueTimes(em, list.campaign.schedule, [list], this.config.legalWindow, this.clock.now());
      await em.flush();
    });
  }

  async stop(actor: string, listId: number): Promise<RecipientListView> {
    return this.transition(actor, listId, 'stopped', async (em, list) => {
      if (list.status === 'stopped' || list.status === 'completed') return;
      const now = this.clock.now();
      await em.nativeUpdate(
        Recipient,
        { list: list.id, state: 'pending' },
        { state: 'stopped', finishedAt: now, updatedAt: now },
      );
      list.status = 'stopped';
      await em.flush();
      await refreshCompletion(em, list.campaign.id, now);
    });
  }

  /** Gives permanently failed recipients one more try, from the next send window. */
  async retryFailed(actor: string, listId: number): Promise<RecipientListView> {
    return this.transition(actor, listId, 'retried_failed', async (em, list) => {
      if (list.status === 'stopped' || list.campaign.status === 'stopped') {
        throw new ConflictException(`List ${list.id} is stopped: its failed recipients cannot be retried.`);
      }
      const now = this.clock.now();
      const retried = await em.nativeUpdate(
        Recipient,
        { list: list.id, state: 'failed' },
        { state: 'pending', lastError: null, finishedAt: null, updatedAt: now },
      );
      if (retried === 0) return;
      await recomputeDueTimes(em, list.campaign.schedule, [list], this.config.legalWindow, now);
      if (list.status === 'completed') {
        list.status = 'in_progress';
        list.completedAt = null;
      }
      if (list.campaign.status === 'completed') list.campaign.status = 'active';
      await em.flush();
    });
  }

  async errorLog(uploadId: string): Promise<{ fileName: string; csv: string }> {
    const upload = await this.em.findOne(RefusedUpload, uploadId);
    if (!upload) throw new NotFoundException(`No error log ${uploadId}`);
    return { fileName: `${upload.fileName.replace(/\.csv$/i, '')}-error-log.csv`, csv: upload.errorLog };
  }

  private async refuse(
    actor: string,
    campaign: Campaign,
    fileName: string,
    errors: CsvIssue[],
  ): Promise<UnprocessableEntityException> {
    const id = randomUUID();
    await this.em.transactional(async (em) => {
      em.create(RefusedUpload, {
        id,
        campaignId: campaign.id,
        fileName,
        errorCount: errors.length,
        errorLog: errorLogCsv(errors),
        createdBy: actor,
      });
      recordAudit(em, {
        actor,
        action: 'recipient_list.refused',
        entityType: 'campaign',
        entityId: campaign.id,
        details: { fileName, uploadId: id, errorCount: errors.length },
      });
    });
    const reasons = [...new Set(errors.map((error) => error.reason))];
    return new UnprocessableEntityException({
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      message: `${fileName} was not added: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} (${reasons.join(', ')}). Nothing of the list was stored; fix the rows in the error log and upload it again.`,
      errorCount: errors.length,
      errors: errors.map(({ line, reason, message }) => ({ line, reason, message })),
      errorLogUrl: `/uploads/${id}/error-log.csv`,
    });
  }

  /** Phones of the file that opted out on this sender, or are already pending or texted in this campaign. */
  private async existingPhones(
    campaign: Campaign,
    phones: string[],
  ): Promise<{ optedOut: Set<string>; alreadyInCampaign: Set<string> }> {
    const optedOut = new Set<string>();
    const alreadyInCampaign = new Set<string>();
    // A campaign's first list on a number nobody opted out of — the usual case — needs no lookup per phone.
    const [any] = await queryRows<{ opt_outs: number | string; recipients: number | string }>(
      this.em,
      `select (select count(*) from (select 1 from opt_outs where sender_number_id = ? and lifted_at is null limit 1) o) as opt_outs,
              (select count(*) from (select 1 from recipients where campaign_id = ? limit 1) r) as recipients`,
      [campaign.senderNumber.id, campaign.id],
    );
    if (Number(any?.opt_outs ?? 1) === 0 && Number(any?.recipients ?? 1) === 0) return { optedOut, alreadyInCampaign };
    for (let offset = 0; offset < phones.length; offset += LOOKUP_CHUNK) {
      const chunk = phones.slice(offset, offset + LOOKUP_CHUNK);
      const optOuts = await this.em.find(
        OptOut,
        { senderNumber: campaign.senderNumber.id, phone: { $in: chunk }, liftedAt: null },
        { fields: ['phone'] },
      );
      optOuts.forEach((optOut) => optedOut.add(optOut.phone));
      const rows = await queryRows<{ phone: string }>(
        this.em,
        `select distinct phone from recipients where campaign_id = ? and state in ('pending', 'sending', 'sent', 'delivered', 'unknown') and phone in (${chunk.map(() => '?').join(', ')})`,
        [campaign.id, ...chunk],
      );
      rows.forEach((row) => alreadyInCampaign.add(row.phone));
    }
    return { optedOut, alreadyInCampaign };
  }

  private async transition(
    actor: string,
    listId: number,
    action: string,
    change: (em: EntityManager, list: RecipientList) => Promise<void>,
  ): Promise<RecipientListView> {
    await this.em.transactional(async (em) => {
      const list = await em.findOne(RecipientList, listId, { populate: ['campaign'] });
      if (!list) throw new NotFoundException(`Recipient list ${listId} does not exist`);
      await change(em, list);
      recordAudit(em, { actor, action: `recipient_list.${action}`, entityType: 'recipient_list', entityId: list.id });
    });
    return this.view(listId);
  }

  private assertOpen(list: RecipientList, verb: string): void {
    if (list.status === 'stopped' || list.status === 'completed') {
      throw new ConflictException(`List ${list.id} is ${list.status}; it cannot be ${verb}.`);
    }
  }

  private async findList(listId: number): Promise<RecipientList> {
    const list = await this.em.findOne(RecipientList, listId, { populate: ['campaign', 'campaign.senderNumber'] });
    if (!list) throw new NotFoundException(`Recipient list ${listId} does not exist`);
    return list;
  }

  async view(listId: number): Promise<RecipientListView> {
    const list = await this.findList(listId);
    const [view] = await this.views(list.campaign, [list]);
    return view!;
  }

  /**
   * Views of several lists of one campaign, with one count query and one forecast. A list `written` in this
   * request is counted and forecast from what was written (all of it waiting), not read back.
   */
  async views(campaign: Campaign, lists: RecipientList[], written?: WrittenList): Promise<RecipientListView[]> {
    if (lists.length === 0) return [];
    const counted = lists.filter((list) => list.id !== written?.listId);
    const counts =
      counted.length > 0
        ? await countRecipientsByList(this.em, { listIds: counted.map((list) => list.id) })
        : new Map();
    if (written) counts.set(written.listId, { ...emptyStateCounts(), pending: written.recipients.length });
    const forecasts = await forecastCampaignLists(
      this.em,
      campaign,
      this.config.legalWindow,
      this.clock.now(),
      written,
    );
    return lists.map((list) =>
      recipientListView(list, counts.get(list.id) ?? emptyStateCounts(), forecasts.get(list.id)),
    );
  }
}

export function recipientListView(
  list: RecipientList,
  counts: ReturnType<typeof emptyStateCounts>,
  forecast?: ListForecast,
): RecipientListView {
  const total = list.recipients;
  const handled = total - counts.pending - counts.sending;
  return {
    id: list.id,
    campaignId: list.campaign.id,
    fileName: list.fileName,
    status: list.status,
    outreachStartAt: list.outreachStartAt,
    outreachEndAt: list.outreachEndAt,
    recipients: list.recipients,
    duplicates: list.duplicates,
    skippedOptedOut: list.skippedOptedOut,
    skippedAlreadyInCampaign: list.skippedAlreadyInCampaign,
    counts,
    progress: { handled, total, percent: total === 0 ? 100 : Math.floor((handled / total) * 100) },
    forecast: forecast ?? { firstSendAt: null, lastSendAt: null, notReachableBeforeEnd: 0 },
    createdBy: list.createdBy,
    createdAt: list.createdAt.toISOString(),
    completedAt: list.completedAt?.toISOString() ?? null,
  };
}

function recipientView(recipient: Recipient): RecipientView {
  return {
    id: recipient.id,
    line: recipient.line,
    phone: recipient.phone,
    timezone: recipient.timezone,
    name: recipient.name,
    state: recipient.state,
    // A due time at the end means "not reachable before the end": there is no send time to show.
    dueAt:
      recipient.dueAt && !(recipient.endAt && recipient.dueAt.getTime() >= recipient.endAt.getTime())
        ? recipient.dueAt.toISOString()
        : null,
    sentAt: recipient.sentAt?.toISOString() ?? null,
    deliveredAt: recipient.deliveredAt?.toISOString() ?? null,
    error: recipient.lastError,
  };
}

export type { RecipientRow };
