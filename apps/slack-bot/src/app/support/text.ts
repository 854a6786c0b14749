import { DateTime } from 'luxon';

/** Slack mrkdwn control characters: text from outside (an SMS, a file name) must not ping or link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** "Tue 1 Dec 2026, 09:00 UTC" in the organisation's zone; "—" for none. */
export function formatInstant(iso: string | null | undefined, zone: string): string {
  if (!iso) return '—';
  const at = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  if (!at.isValid) return iso;
  return `${at.toFormat('ccc d LLL yyyy, HH:mm')} ${zone === 'UTC' ? 'UTC' : at.toFormat('ZZZZ')}`;
}

/** "2026-12-01T09:00" (a wall clock) as "Tue 1 Dec 2026, 09:00". */
export function formatWallClock(wallClock: string | null | undefined): string {
  if (!wallClock) return '—';
  const at = DateTime.fromISO(wallClock, { zone: 'utc' });
  return at.isValid ? at.toFormat('ccc d LLL yyyy, HH:mm') : wallClock;
}

/** Keeps plain_text within Slack's limits (option texts: 75 characters). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
