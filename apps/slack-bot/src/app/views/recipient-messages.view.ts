import type { RefusedUpload, UploadAccepted } from '@proactive-sms/service-client';
import type { Message } from '../slack/slack-types';
import { escapeMrkdwn, formatInstant, formatWallClock, plural } from '../support/text';
import { actions, button, context, fields, type KnownBlock, section } from './block-kit';

export const ADD_FROM_FILE_ACTION = 'recipients_add_from_file';

/** What the Add to campaign button carries. */
export type SharedFileRef = { fileId: string; channel: string; threadTs: string; fileName?: string; rows?: number };

/** The reply in a shared CSV's thread: what the bot read, and the way to add it. */
export function sharedFileReply(fileName: string, rows: number, ref: SharedFileRef): Message {
  const blocks: KnownBlock[] = [
    section(`:page_facing_up: *${escapeMrkdwn(fileName)}* — ${plural(rows, 'row')} of recipients.`),
    context('Pick the campaign and the outreach date/time; every row is checked when the list is added.'),
    actions('shared_file_actions', [
      button(
        'Add to campaign',
        ADD_FROM_FILE_ACTION,
        JSON.stringify({ ...ref, fileName: fileName.slice(0, 200), rows }),
        'primary',
      ),
    ]),
  ];
  return { text: `${fileName}: ${plural(rows, 'row')}. Add it to a campaign?`, blocks };
}

export function fileRefusedReply(fileName: string, reason: string): Message {
  return { text: `:no_entry: I can't use *${escapeMrkdwn(fileName)}* as a recipient list: ${reason}` };
}

/** A list the service accepted: its counts, forecast and status. */
export function listAcceptedReply(list: UploadAccepted, campaignName: string, actor: string, zone: string): Message {
  const skipped = list.skippedOptedOut + list.skippedAlreadyInCampaign + list.duplicates;
  const f = list.forecast;
  const blocks: KnownBlock[] = [
    section(
      `:white_check_mark: <@${actor}> added *${escapeMrkdwn(list.fileName)}* to *${escapeMrkdwn(campaignName)}*: ${plural(list.recipients, 'recipient')} scheduled.`,
    ),
    fields([
      `*Recipients*\n${list.recipients}`,
      `*Duplicates*\n${list.duplicates}`,
      `*Skipped: opted out*\n${list.skippedOptedOut}`,
      `*Skipped: already in the campaign*\n${list.skippedAlreadyInCampaign}`,
      `*Outreach*\n${formatWallClock(list.outreachStartAt)}${list.outreachEndAt ? ` → ${formatWallClock(list.outreachEndAt)}` : ''} (each recipient's local time)`,
      `*Status*\n${list.status.replace(/_/g, ' ')}`,
      `*First send*\n${formatInstant(f.firstSendAt, zone)}`,
      `*Expected finish*\n${formatInstant(f.lastSendAt, zone)}`,
      ...(list.outreachEndAt ? [`*Will miss the end time*\n${f.notReachableBeforeEnd}`] : []),
    ]),
  ];
  const notes: string[] = [];
  if (f.notReachableBeforeEnd > 0) {
    notes.push(
      `:warning: ${plural(f.notReachableBeforeEnd, 'recipient')} will not be reached before the end time at the current send rate.`,
    );
  }
  if (list.messagePreview.unicodeRecipients > 0) {
    notes.push(
      `:information_source: ${plural(list.messagePreview.unicodeRecipients, 'recipient')}' names make the text Unicode (up to ${plural(list.messagePreview.segments, 'segment')}).`,
    );
  }
  if (list.warnings.length > 0) {
    notes.push(
      `:information_source: ${list.warnings
        .slice(0, 5)
        .map((w) => `${w.line === null ? '' : `line ${w.line}: `}${escapeMrkdwn(w.message)}`)
        .join('; ')}${list.warnings.length > 5 ? ` and ${list.warnings.length - 5} more` : ''}`,
    );
  }
  if (notes.length > 0) blocks.push(context(notes.join('\n')));
  return {
    text: `${list.fileName} added to ${campaignName}: ${plural(list.recipients, 'recipient')}, ${skipped} skipped, first send ${formatInstant(f.firstSendAt, zone)}, expected finish ${formatInstant(f.lastSendAt, zone)}.`,
    blocks,
  };
}

/** A list the service refused (422): the reasons, summarised; the error log follows as a file. */
export function listRefusedReply(fileName: string, campaignName: string, refusal: RefusedUpload): Message {
  const byReason = new Map<string, number[]>();
  for (const error of refusal.errors) {
    const lines = byReason.get(error.reason) ?? [];
    if (error.line !== null) lines.push(error.line);
    byReason.set(error.reason, lines);
  }
  const reasons = [...byReason.entries()].map(([reason, lines]) => {
    const where =
      lines.length === 0
        ? ''
        : ` (${lines.length === 1 ? 'line' : 'lines'} ${lines.slice(0, 8).join(', ')}${lines.length > 8 ? ', …' : ''})`;
    return `• *${escapeMrkdwn(reason)}*: ${plural(lines.length || 1, 'problem')}${where}`;
  });
  const text = `:x: *${escapeMrkdwn(fileName)}* was not added to *${escapeMrkdwn(campaignName)}*: ${plural(refusal.errorCount, 'problem')}. Nothing of the list was stored.`;
  return {
    text: `${fileName} was not added: ${plural(refusal.errorCount, 'problem')}.`,
    blocks: [
      section(`${text}\n${reasons.join('\n')}`),
      context('Column A of the error log says what is wrong on each line. Fix the rows and share the file again.'),
    ],
  };
}
