// The story's cast and calendar, as data: who gets texted where, the two CSV files (one with mistakes),
// the campaign's schedule, and the simulated clock that makes a day in three time zones pass in about
// a minute and a half.
import { DateTime } from 'luxon';

export const ADMIN = 'U0ADMIN';
export const CAMPAIGN_CHANNEL = 'C0GENERAL';
export const INBOX_CHANNEL = 'C0INBOX';
export const CAMPAIGN_NAME = 'December shipping';
export const ANSWER_NAME = 'Order update';
/** The campaign's schedule: weekdays 09:00–17:00 in each recipient's zone; the weekend stays Closed. */
export const OPEN_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
export const OPENS_AT = '09:00';
/** Outreach starts at 08:00 recipients' local time: the schedule holds each text until 09:00 there. */
export const OUTREACH_TIME = '08:00';
/** The daily digest, in the organisation's zone: after Los Angeles' window has opened. */
export const ORG_TIMEZONE = 'America/Los_Angeles';
export const DIGEST_TIME = '10:00';

export interface Recipient {
  city: string;
  zone: string;
  /** E.164 — numbers reserved for fiction (NANP 555-01xx; Berlin's 030 23125 range for drama). */
  phone: string;
  name: string;
  /** What this recipient texts back once they have the message, if anything. */
  reply?: string;
}

export const RECIPIENTS: Recipient[] = [
  { city: 'Berlin', zone: 'Europe/Berlin', phone: '+493023125042', name: 'Lena', reply: 'STOP' },
  {
    city: 'New York',
    zone: 'America/New_York',
    phone: '+12125550142',
    name: 'Maya',
    reply: 'Can I change the delivery address?',
  },
  { city: 'Los Angeles', zone: 'America/Los_Angeles', phone: '+13105550199', name: 'Leo' },
];

/** The first share: an abbreviation for a zone, and a phone without its country code. */
export const CSV_WITH_MISTAKES = {
  name: 'december-customers.csv',
  content: [
    'timezone,phone_number,name',
    'Europe/Berlin,+49 30 23125042,Lena',
    'EST,+1 212 555 0142,Maya',
    'America/Los_Angeles,310-555-0199,Leo',
    '',
  ].join('\r\n'),
};

/** The corrected file the admin shares next. */
export const CSV_FIXED = {
  name: 'december-customers-fixed.csv',
  content: [
    'timezone,phone_number,name',
    'Europe/Berlin,+49 30 23125042,Lena',
    'America/New_York,+1 212 555 0142,Maya',
    'America/Los_Angeles,+1 310 555 0199,Leo',
    '',
  ].join('\r\n'),
};

/**
 * Where the simulated clock starts: the next Monday, 03:00 in Berlin — six hours before the first
 * window opens, so that the admin's setup is done long before (at 720× the setup's few real seconds are
 * an hour or so).
 */
export function simulatedStart(realNow: Date): DateTime {
  const berlin = DateTime.fromJSDate(realNow, { zone: 'Europe/Berlin' }).startOf('day');
  const daysToMonday = (8 - berlin.weekday) % 7 || 7;
  return berlin.plus({ days: daysToMonday }).set({ hour: 3 });
}

/** The day the outreach starts (the simulated Monday), as the datepicker takes it. */
export function outreachDate(start: DateTime): string {
  return start.toISODate()!;
}

/** When each recipient's window opens: 09:00 on the Monday in their own zone. */
export function windowOpening(recipient: Recipient, start: DateTime): DateTime {
  return DateTime.fromISO(`${outreachDate(start)}T${OPENS_AT}`, { zone: recipient.zone });
}

/** When the digest is due: DIGEST_TIME on the Monday in ORG_TIMEZONE. */
export function digestDue(start: DateTime): DateTime {
  return DateTime.fromISO(`${outreachDate(start)}T${DIGEST_TIME}`, { zone: ORG_TIMEZONE });
}
