/**
 * MessageBird writes numbers as bare digits (31612345678) in webhooks and as JSON integers in its objects; the rest
 * of the product speaks E.164 with a leading "+". Accepts "+31 6 1234-5678", "0031612345678" and "31612345678";
 * gives null for anything that is not a number (an alphanumeric sender id, an empty field).
 */
export function toE164(value: string | number | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const compact = String(value)
    .trim()
    .replace(/[\s().-]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : compact;
  // Short codes (5–6 digits) are kept: MessageBird delivers replies to them too.
  return /^[1-9]\d{2,14}$/.test(digits) ? `+${digits}` : null;
}

/** The msisdn form MessageBird's API documents: digits only, country code first, no "+". */
export function toMsisdn(e164: string): string {
  return e164.trim().replace(/^\+/, '');
}
