/**
 * Recipient time zones (column A of a recipient CSV).
 *
 * Names and links come from countries-and-timezones (a maintained copy of the IANA tz database),
 * never from ICU: Node's ICU follows CLDR, whose "canonical" IDs are often the legacy ones
 * (it turns Asia/Kolkata into Asia/Calcutta and Europe/Kyiv into Europe/Kiev).
 *
 * Decisions:
 * - Renamed and legacy links resolve to today's name: Asia/Calcutta → Asia/Kolkata,
 *   Europe/Kiev → Europe/Kyiv, US/Eastern → America/New_York.
 * - A "Region/City" link that tzdb merged into another country's zone only because the clocks have
 *   agreed since 1970 (Europe/Amsterdam → Europe/Brussels, Europe/Oslo → Europe/Berlin,
 *   Atlantic/Reykjavik → Africa/Abidjan) is kept as typed: it still names the recipient's
 *   country, and reading "Africa/Abidjan" back for a customer in Iceland would only confuse.
 * - Abbreviations and fixed offsets (EST, PST, CET, EST5EDT, "Eastern", UTC+2, Etc/GMT+5) are refused
 *   with a suggested location: EST stays UTC−5 all summer, so texts would land an hour early.
 *   UTC (and Etc/UTC, Etc/GMT) stays accepted: it is unambiguous on purpose.
 * - Matching trims, ignores case and accepts spaces for underscores (america/new york).
 */
import { getAllTimezones, type Timezone } from 'countries-and-timezones';
import { IANAZone } from 'luxon';

export const INVALID_TIMEZONE = 'Invalid Timezone' as const;

export type TimeZoneResult =
  { ok: true; zone: string } | { ok: false; reason: typeof INVALID_TIMEZONE; message: string };

const ZONES: Readonly<Record<string, Timezone | undefined>> = getAllTimezones({ deprecated: true });
const REGION_CITY = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//;

/** Lower-cased name → name as spelled in the tz database. */
const BY_LOWER_NAME = new Map<string, string>();
/** Lower-cased last segment ("new_york", "calcutta") → names, for "did you mean" hints. */
const BY_LOWER_CITY = new Map<string, string[]>();
for (const name of Object.keys(ZONES)) {
  BY_LOWER_NAME.set(name.toLowerCase(), name);
  const city = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  if (name.includes('/')) BY_LOWER_CITY.set(city, [...(BY_LOWER_CITY.get(city) ?? []), name]);
}

const NEW_YORK = 'America/New_York';
const CHICAGO = 'America/Chicago';
const DENVER = 'America/Denver (America/Phoenix for most of Arizona)';
const LOS_ANGELES = 'America/Los_Angeles';
const LONDON = 'Europe/London (or UTC if you really mean UTC)';
const CENTRAL_EUROPE = 'Europe/Paris, Europe/Berlin or the city of the recipient’s country';
const EASTERN_EUROPE = 'Europe/Athens, Europe/Helsinki or the city of the recipient’s country';
const SYDNEY = 'Australia/Sydney (Australia/Brisbane for Queensland)';

/** Abbreviations, POSIX-style rules and colloquial names people put in column A, with a likely zone. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  EST: NEW_YORK,
  EDT: NEW_YORK,
  ET: NEW_YORK,
  EASTERN: NEW_YORK,
  EST5EDT: NEW_YORK,
  CST: `${CHICAGO} (Asia/Shanghai for China Standard Time)`,
  CDT: CHICAGO,
  CT: CHICAGO,
  CENTRAL: CHICAGO,
  CST6CDT: CHICAGO,
  MST: DENVER,
  MDT: DENVER,
  MT: DENVER,
  MOUNTAIN: DENVER,
  MST7MDT: DENVER,
  PST: LOS_ANGELES,
  PDT: LOS_ANGELES,
  PT: LOS_ANGELES,
  PACIFIC: LOS_ANGELES,
  PST8PDT: LOS_ANGELES,
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  ALASKA: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  HDT: 'Pacific/Honolulu',
  HAWAII: 'Pacific/Honolulu',
  AST: 'America/Halifax or America/Puerto_Rico',
  ADT: 'America/Halifax',
  ATLANTIC: 'America/Halifax',
  NST: 'America/St_Johns',
  NDT: 'America/St_Johns',
  GMT: LONDON,
  BST: LONDON,
  GREENWICH: LONDON,
  GMT0: LONDON,
  'GMT+0': LONDON,
  'GMT-0': LONDON,
  IST: 'Asia/Kolkata (Europe/Dublin for Irish time, Asia/Jerusalem for Israel)',
  INDIA: 'Asia/Kolkata',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: CENTRAL_EUROPE,
  CEST: CENTRAL_EUROPE,
  MET: CENTRAL_EUROPE,
  MEST: CENTRAL_EUROPE,
  EET: EASTERN_EUROPE,
  EEST: EASTERN_EUROPE,
  MSK: 'Europe/Moscow',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  HKT: 'Asia/Hong_Kong',
  SGT: 'Asia/Singapore',
  PHT: 'Asia/Manila',
  WIB: 'Asia/Jakarta',
  AEST: SYDNEY,
  AEDT: SYDNEY,
  ACST: 'Australia/Adelaide (Australia/Darwin)',
  ACDT: 'Australia/Adelaide',
  AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  SAST: 'Africa/Johannesburg',
  CAT: 'Africa/Maputo',
  EAT: 'Africa/Nairobi',
  WAT: 'Africa/Lagos',
  BRT: 'America/Sao_Paulo',
  ART: 'America/Argentina/Buenos_Aires',
};

const EXAMPLE = 'Use the TZ database name of where the recipient lives, e.g. America/New_York.';

function refuse(message: string): TimeZoneResult {
  return { ok: false, reason: INVALID_TIMEZONE, message };
}

/** "america / new york" → "america/new_york" (then matched case-insensitively). */
function tidy(input: string): string {
  return input
    .trim()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, '_');
}

function primaryCountry(zone: Timezone | undefined): string | undefined {
  return zone?.countries[0];
}

/** Follows aliasOf to the zone tzdb keeps the rules under. */
function ruleZone(name: string): string {
  let current = name;
  for (let hops = 0; hops < 5; hops++) {
    const next = ZONES[current]?.aliasOf;
    if (!next) break;
    current = next;
  }
  return current;
}

/** The name to store for a zone spelled as in the dataset: see the decisions at the top. */
function canonicalName(name: string): string {
  const target = ruleZone(name);
  if (target === name) return name;
  const own = primaryCountry(ZONES[name]);
  if (own === primaryCountry(ZONES[target])) return target; // a rename: Calcutta → Kolkata
  if (REGION_CITY.test(name)) return name; // another country's zone: keep Europe/Oslo
  // A legacy country name (Iceland) → that country's Region/City link (Atlantic/Reykjavik).
  const representative = Object.keys(ZONES).find(
    (other) => REGION_CITY.test(other) && ZONES[other]?.aliasOf === target && primaryCountry(ZONES[other]) === own,
  );
  return representative ?? target;
}

/** Asking Intl is slow (~0.1 ms), and a list repeats a handful of zones 3,500 times: remember the answer. */
const USABLE = new Map<string, boolean>();
function isUsableByLuxon(zone: string): boolean {
  let usable = USABLE.get(zone);
  if (usable === undefined) {
    usable = IANAZone.isValidZone(zone);
    USABLE.set(zone, usable); // keys are tz database names only, so the map stays small
  }
  return usable;
}

function abbreviationMessage(input: string, suggestion: string | undefined): string {
  const shown = input.trim();
  const advice = suggestion ? `Use the TZ database name of where the recipient lives, e.g. ${suggestion}.` : EXAMPLE;
  if (/^[A-Z]+\d[A-Z]+$/i.test(shown)) {
    return `"${shown}" is a legacy POSIX-style rule name, not a location. ${advice}`;
  }
  return (
    `"${shown}" is a time-zone abbreviation or fixed offset, not a location. ` +
    'Abbreviations and offsets do not follow daylight saving (EST stays UTC−5 all summer), ' +
    'so texts could arrive an hour early or late. ' +
    advice
  );
}

/** UTC+2, GMT-05:00, +0530, UTC +1 … */
function looksLikeOffset(tidied: string): boolean {
  const rest = tidied.replace(/^(utc|gmt|z)_?/i, '');
  return /^[+\-\u2212]_?\d{1,2}(:?\d{2})?$/.test(rest);
}

/** Etc/GMT+5 and friends: fixed offsets, with the sign inverted (Etc/GMT+5 is UTC−5). */
function isEtcFixedOffset(name: string): boolean {
  return /^Etc\/GMT[+-]\d+$/.test(name) && !/^Etc\/GMT[+-]0$/.test(name);
}

function unknownMessage(input: string, tidied: string): string {
  const shown = input.trim();
  const city = tidied.slice(tidied.lastIndexOf('/') + 1).toLowerCase();
  const candidates = [...new Set((BY_LOWER_CITY.get(city) ?? []).map(canonicalName))];
  const hint = candidates.length > 0 ? ` Did you mean ${candidates.slice(0, 3).join(' or ')}?` : '';
  return `"${shown}" is not a time zone name from the TZ database.${hint} ${EXAMPLE}`;
}

/**
 * Resolves column A of a recipient row to an IANA zone name usable by luxon/Intl.
 * Accepts canonical names and links (returned under today's name), in any letter case.
 */
export function resolveTimeZone(input: string): TimeZoneResult {
  const tidied = tidy(input);
  if (tidied === '') {
    return refuse(`The timezone is missing. ${EXAMPLE}`);
  }
  const spelled = BY_LOWER_NAME.get(tidied.toLowerCase());
  const abbreviationKey = tidied
    .replace(/_/g, ' ')
    .toUpperCase()
    .replace(/ (STANDARD |DAYLIGHT )?TIME$/, '');
  const suggestion = ABBREVIATIONS[abbreviationKey] ?? ABBREVIATIONS[abbreviationKey.replace(/ /g, '')];

  if (spelled === undefined) {
    if (suggestion !== undefined || looksLikeOffset(tidied)) {
      return refuse(abbreviationMessage(input, suggestion));
    }
    if (/^[A-Za-z]{2,5}$/.test(tidied) && tidied === tidied.toUpperCase()) {
      return refuse(abbreviationMessage(input, undefined));
    }
    return refuse(unknownMessage(input, tidied));
  }
  if (!spelled.includes('/') && suggestion !== undefined) {
    return refuse(abbreviationMessage(input, suggestion)); // EST, CET, EST5EDT, GMT … are tz names too
  }
  if (isEtcFixedOffset(spelled)) {
    const hours = spelled.slice('Etc/GMT'.length);
    const actual = `UTC${hours.startsWith('+') ? '−' : '+'}${hours.slice(1)}`;
    return refuse(
      `"${input.trim()}" is a fixed offset (${actual}: the sign of Etc/GMT names is inverted) and does not ` +
        `follow daylight saving. ${EXAMPLE}`,
    );
  }
  const zone = canonicalName(spelled);
  if (!isUsableByLuxon(zone)) {
    // e.g. "Factory", or a zone newer than this runtime's ICU data.
    return refuse(`"${input.trim()}" is not a time zone this system can schedule in. ${EXAMPLE}`);
  }
  return { ok: true, zone };
}

export function isValidTimeZone(input: string): boolean {
  return resolveTimeZone(input).ok;
}
