import { formatClockTime, parseClockTime } from './clock-time';

/**
 * The legal floor: a daily interval of local time (minutes since midnight, close exclusive) outside
 * of which nothing is ever sent, whatever the campaign schedule says.
 */
export type LegalWindow = { open: number; close: number };

/** US TCPA: 08:00–21:00 in the recipient's local time. Stricter states are configured via LEGAL_WINDOW. */
export const DEFAULT_LEGAL_WINDOW: LegalWindow = Object.freeze({ open: 8 * 60, close: 21 * 60 });

export type LegalWindowParseResult = { ok: true; window: LegalWindow } | { ok: false; error: string };

const EXPECTED_FORMAT = 'HH:MM-HH:MM in 24-hour local time, e.g. 08:00-21:00';

/** Parses "08:00-21:00" (the LEGAL_WINDOW setting). The close may be 24:00; it must be after the open. */
export function parseLegalWindow(text: string): LegalWindowParseResult {
  const parts = text.trim().split(/\s*-\s*/);
  const open = parts.length === 2 ? parseClockTime(parts[0]) : null;
  const close = parts.length === 2 ? parseClockTime(parts[1], { allowEndOfDay: true }) : null;
  if (open === null || close === null) {
    return { ok: false, error: `Legal window "${text}" is not in the expected format ${EXPECTED_FORMAT}.` };
  }
  if (close <= open) {
    return {
      ok: false,
      error: `Legal window "${text}" closes at or before it opens; expected ${EXPECTED_FORMAT}.`,
    };
  }
  return { ok: true, window: { open, close } };
}

export function formatLegalWindow(window: LegalWindow): string {
  return `${formatClockTime(window.open)}-${formatClockTime(window.close)}`;
}
