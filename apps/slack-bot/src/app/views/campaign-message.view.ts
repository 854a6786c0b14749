import { WEEKDAYS, weekdayLabel } from '@proactive-sms/domain';
import type { Campaign, RecipientList } from '@proactive-sms/service-client';
import type { Message } from '../slack/slack-types';
import { escapeMrkdwn, formatInstant, formatWallClock, plural } from '../support/text';
import { actions, button, context, fields, type KnownBlock, section } from './block-kit';
import { languageLabel } from './languages';
import { progressBar } from './progress';

export const CAMPAIGN_MESSAGE_ACTIONS = {
  addRecipients: 'campaign_add_recipients',
  status: 'campaign_status',
  pause: 'campaign_pause',
  resume: 'campaign_resume',
  stop: 'campaign_stop',
} as const;

const STATUS_EMOJI: Record<string, string> = {
  active: ':large_green_circle:',
  paused: ':double_vertical_bar:',
  stopped: ':black_square_for_stop:',
  completed: ':checkered_flag:',
};

export function statusLabel(status: string): string {
  return `${STATUS_EMOJI[status] ?? ':grey_question:'} ${status.replace(/_/g, ' ')}`;
}

/** "Mon–Fri 09:00–17:00" style, one entry per open day; "Closed every day" when none is open. */
export function scheduleSummary(campaign: Pick<Campaign, 'schedule'>): string {
  const open = WEEKDAYS.flatMap((day) => {
    const hours = campaign.schedule[day];
    return hours.closed ? [] : [`${weekdayLabel(day).slice(0, 3)} ${hours.open}–${hours.close}`];
  });
  return open.length > 0 ? open.join(', ') : 'Closed every day';
}

/** The campaign's message in its channel, with what can be done next. */
export function campaignMessage(campaign: Campaign, options: { actor?: string; headline?: string } = {}): Message {
  const headline =
    options.headline ??
    (options.actor
      ? `:mega: <@${options.actor}> created the SMS campaign *${escapeMrkdwn(campaign.name)}*`
      : `:mega: SMS campaign *${escapeMrkdwn(campaign.name)}*`);
  const blocks: KnownBlock[] = [
    section(`${headline}${campaign.description ? `\n${escapeMrkdwn(campaign.description)}` : ''}`),
    fields([
      `*Status*\n${statusLabel(campaign.status)}`,
      `*Phone Number*\n${escapeMrkdwn(campaign.senderNumber.label)} · ${campaign.senderNumber.number}`,
      `*Language*\n${languageLabel(campaign.language)}`,
      `*Answer*\n${escapeMrkdwn(campaign.answer.name)}`,
      `*Schedule*\n${scheduleSummary(campaign)}`,
      `*Replies go to*\n<#${campaign.senderNumber.inboxChannelId}>`,
    ]),
  ];
  if (campaign.warnings.length > 0) blocks.push(context(campaign.warnings.map((w) => `:warning: ${w}`).join('\n')));
  blocks.push(
    context(
      'Add recipients by sharing a CSV here (timezone, phone_number, name) or with *Add recipients*. `/sms-campaign template` posts the template.',
    ),
  );
  const id = String(campaign.id);
  const buttons = [];
  if (campaign.status !== 'stopped') {
    buttons.push(button('Add recipients', CAMPAIGN_MESSAGE_ACTIONS.addRecipients, id, 'primary'));
  }
  buttons.push(button('Status', CAMPAIGN_MESSAGE_ACTIONS.status, id));
  if (campaign.status === 'active') buttons.push(button('Pause', CAMPAIGN_MESSAGE_ACTIONS.pause, id));
  if (campaign.status === 'paused') buttons.push(button('Resume', CAMPAIGN_MESSAGE_ACTIONS.resume, id));
  if (campaign.status !== 'stopped') {
    buttons.push(
      button('Stop', CAMPAIGN_MESSAGE_ACTIONS.stop, id, 'danger', {
        title: 'Stop the campaign?',
        text: `Nobody still waiting in *${escapeMrkdwn(campaign.name)}* will be texted, and a stopped campaign cannot be resumed.`,
        confirm: 'Stop campaign',
      }),
    );
  }
  blocks.push(actions(`campaign_actions_${id}`, buttons));
  return { text: `SMS campaign "${campaign.name}" (${campaign.status})`, blocks };
}

/** One line per list: name, status, progress bar and what is left. */
export function listLine(list: Pick<RecipientList, 'fileName' | 'status' | 'progress' | 'counts'>): string {
  return `\`${escapeMrkdwn(list.fileName)}\` ${list.status.replace(/_/g, ' ')} ${progressBar(list.progress.percent)} (${list.progress.handled}/${list.progress.total})`;
}

/** `/sms-campaign status` and the Status button: the campaign and each of its lists. */
export function campaignStatusMessage(campaign: Campaign, zone: string): Message {
  const c = campaign.counters;
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(campaign.name)}* — ${statusLabel(campaign.status)}\n${scheduleSummary(campaign)}`),
    section(
      [
        `*Recipients* ${c.total}`,
        `pending ${c.pending + c.sending}`,
        `sent ${c.sent + c.delivered}`,
        `delivered ${c.delivered}`,
        `failed ${c.failed}`,
        `unknown ${c.unknown}`,
        `opted out ${c.opted_out}`,
        `not reached ${c.not_reached}`,
        `stopped ${c.stopped}`,
      ].join(' · '),
    ),
  ];
  if (campaign.lists.length === 0) blocks.push(context('No recipient list yet.'));
  for (const list of campaign.lists.slice(-20)) {
    blocks.push(
      section(
        `${listLine(list)}\nOutreach ${formatWallClock(list.outreachStartAt)}${list.outreachEndAt ? ` → ${formatWallClock(list.outreachEndAt)}` : ''} (recipients' local time) · first send ${formatInstant(list.forecast.firstSendAt, zone)} · expected finish ${formatInstant(list.forecast.lastSendAt, zone)}${list.forecast.notReachableBeforeEnd > 0 ? ` · :warning: ${plural(list.forecast.notReachableBeforeEnd, 'recipient')} will miss the end time` : ''}`,
      ),
    );
  }
  if (campaign.warnings.length > 0) blocks.push(context(campaign.warnings.map((w) => `:warning: ${w}`).join('\n')));
  return { text: `Status of "${campaign.name}": ${campaign.status}`, blocks };
}
