/**
 * SMS encoding and segment counting (GSM 03.38 / 3GPP TS 23.038), pure.
 *
 * - GSM-7: the default alphabet counts 1 septet, the extension table (form feed ^ { } \ [ ~ ] | €)
 *   counts 2 (escape + character). ≤ 160 septets is one segment; longer messages are split in parts
 *   of 153 septets (the rest is the concatenation header) and, like real encoders, an escape pair is
 *   never split across two parts (a part may therefore carry only 152).
 * - UCS-2: anything outside GSM-7 switches the WHOLE message to UCS-2. Units are UTF-16 code units
 *   (an emoji outside the BMP counts 2). ≤ 70 is one segment, otherwise parts of 67 and a surrogate
 *   pair is never split across parts.
 *
 * No national language shift tables are used, and nothing is ever transliterated: a character that
 * is not in GSM-7 (a curly apostrophe, "ç", "ë", a tab…) makes the message UCS-2, so the dispatcher
 * must send with `messageDataCoding(text)` and never let the gateway silently replace characters.
 * Note "Ç" (0x09) is GSM but lowercase "ç" is not: we follow the table as published and do not map it.
 */
import { normaliseName, renderMessagingAnswer } from './messaging-answer';

export type SmsEncodingName = 'GSM-7' | 'UCS-2';

export interface SmsEncoding {
  encoding: SmsEncodingName;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  /** Number of SMS parts the message is billed as; 0 only for the empty text. */
  segments: number;
  /** Capacity of one part for this message: 160/70 when it fits in one, 153/67 when split. */
  perSegment: number;
  /** Distinct characters (code points, in order of first appearance) that forced UCS-2. */
  nonGsmCharacters: string[];
}

export const GSM_SINGLE_SEGMENT = 160;
export const GSM_MULTI_SEGMENT = 153;
export const UCS2_SINGLE_SEGMENT = 70;
export const UCS2_MULTI_SEGMENT = 67;

/** GSM 03.38 default alphabet (0x1B, the escape, excluded). 0x24 is "¤", "$" is 0x02. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** GSM 03.38 extension table: sent as ESC + character, 2 septets. */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const GSM_BASIC_SET: ReadonlySet<string> = new Set(GSM_BASIC);
const GSM_EXTENSION_SET: ReadonlySet<string> = new Set(GSM_EXTENSION);

/** Septets a character costs in GSM-7, or 0 when it is not in GSM-7 at all. */
export function gsmSeptets(character: string): 0 | 1 | 2 {
  if (GSM_BASIC_SET.has(character)) return 1;
  if (GSM_EXTENSION_SET.has(character)) return 2;
  return 0;
}

/** Pack items of size 1 or 2 greedily into parts of `capacity`, never splitting an item. */
function countParts(costs: Iterable<number>, capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      parts += 1;
      used = cost;
    } else {
      used += cost;
    }
  }
  return parts;
}

function* codePointCosts(text: string, cost: (ch: string) => number): Iterable<number> {
  for (const ch of text) yield cost(ch);
}

export function smsEncoding(text: string): SmsEncoding {
  const nonGsm = new Set<string>();
  let septets = 0;
  for (const ch of text) {
    const cost = gsmSeptets(ch);
    if (cost === 0) nonGsm.add(ch);
    septets += cost;
  }

  if (nonGsm.size === 0) {
    const single = septets <= GSM_SINGLE_SEGMENT;
    return {
      encoding: 'GSM-7',
      units: septets,
      segments: septets === 0 ? 0 : single ? 1 : countParts(codePointCosts(text, gsmSeptets), GSM_MULTI_SEGMENT),
      perSegment: single ? GSM_SINGLE_SEGMENT : GSM_MULTI_SEGMENT,
      nonGsmCharacters: [],
    };
  }

  const units = text.length; // UTF-16 code units
  const single = units <= UCS2_SINGLE_SEGMENT;
  return {
    encoding: 'UCS-2',
    units,
    segments: single
      ? 1
      : countParts(
          codePointCosts(text, (ch) => ch.length),
          UCS2_MULTI_SEGMENT,
        ),
    perSegment: single ? UCS2_SINGLE_SEGMENT : UCS2_MULTI_SEGMENT,
    nonGsmCharacters: [...nonGsm],
  };
}

/** MessageBird's `datacoding` for this exact text: 'plain' only when every character is GSM-7. */
export function messageDataCoding(text: string): 'plain' | 'unicode' {
  for (const ch of text) if (gsmSeptets(ch) === 0) return 'unicode';
  return 'plain';
}

const CHARACTER_LABELS: Readonly<Record<string, string>> = {
  '\u2019': 'curly apostrophe',
  '\u2018': 'curly quote',
  '\u201C': 'curly quote',
  '\u201D': 'curly quote',
  '\u2013': 'en dash',
  '\u2014': 'em dash',
  '\u2026': 'ellipsis',
  '\u00A0': 'non-breaking space',
  '\u200B': 'zero-width space',
  '\t': 'tab',
  '`': 'backtick',
  ç: 'c cedilla: only capital Ç is GSM',
};

/**
 * A short human label for a character that forces UCS-2, for previews:
 * "’ (curly apostrophe)", "😀 (emoji)", "ë (U+00EB)".
 */
export function describeNonGsmCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const label = CHARACTER_LABELS[character];
  const invisible = /[\p{Cc}\p{Cf}\p{Z}]/u.test(character);
  const shown = invisible ? hex : character;
  if (label) return invisible ? `${label} (${hex})` : `${shown} (${label})`;
  if (/\p{Extended_Pictographic}/u.test(character)) return `${character} (emoji)`;
  return invisible ? hex : `${character} (${hex})`;
}

export interface AnswerPreview {
  /** The body rendered with the default first name (what a recipient without a name gets). */
  text: string;
  /** Encoding of `text`. */
  encoding: SmsEncoding;
  /** Worst case over every recipient of the list (the default rendering when the list is empty). */
  worst: {
    segments: number;
    encoding: SmsEncodingName;
    units: number;
    /** The name (as given) whose rendering is the longest in segments; null = the default name. */
    name: string | null;
  };
  /** True when at least one recipient's message will be sent as UCS-2. */
  anyUnicode: boolean;
  /** Recipients of the list whose message is UCS-2. */
  unicodeRecipients: number;
  /** Recipients of the list counted. */
  recipients: number;
  /** Up to 5 distinct names that turn an otherwise GSM-7 message into UCS-2. */
  unicodeNames: string[];
  /** Union, over every rendering, of the characters that forced UCS-2. */
  nonGsmCharacters: string[];
}

const MAX_UNICODE_NAME_EXAMPLES = 5;

/**
 * Which names render to the same encoding and segments: a name of basic GSM-7 characters only costs one
 * septet (and one UTF-16 unit) per character wherever it stands, so only its length matters — a list of
 * thousands of different such names is measured a handful of times. Any other name is its own key.
 */
function encodingKey(name: string | null): string {
  const shown = normaliseName(name);
  if (shown === '') return name ?? '';
  for (const ch of shown) if (!GSM_BASIC_SET.has(ch)) return name!;
  return `\u0000gsm-basic:${shown.length}`;
}

/**
 * Worst-case segments for a Messaging Answer over the names of a recipient list (null or blank
 * names get the default first name), plus the rendering for the default name. Each distinct name is
 * rendered once; a body without the variable is computed once.
 */
export function answerPreview(body: string, defaultFirstName: string, names: Iterable<string | null>): AnswerPreview {
  const text = renderMessagingAnswer(body, { firstName: null, defaultFirstName });
  const encoding = smsEncoding(text);
  const bodyIsUnicode = encoding.encoding === 'UCS-2' && smsEncoding(body).encoding === 'UCS-2';

  let worst: AnswerPreview['worst'] = {
    segments: encoding.segments,
    encoding: encoding.encoding,
    units: encoding.units,
    name: null,
  };
  let worstSet = false;
  let recipients = 0;
  let unicodeRecipients = 0;
  const nonGsm = new Set<string>();
  const unicodeNames: string[] = [];
  const cache = new Map<string, SmsEncoding>();

  for (const name of names) {
    recipients += 1;
    const key = encodingKey(name);
    let result = cache.get(key);
    if (!result) {
      result = smsEncoding(renderMessagingAnswer(body, { firstName: name, defaultFirstName }));
      cache.set(key, result);
      if (
        result.encoding === 'UCS-2' &&
        !bodyIsUnicode &&
        name !== null &&
        name.trim() !== '' &&
        unicodeNames.length < MAX_UNICODE_NAME_EXAMPLES
      ) {
        unicodeNames.push(name);
      }
    }
    for (const ch of result.nonGsmCharacters) nonGsm.add(ch);
    if (result.encoding === 'UCS-2') unicodeRecipients += 1;
    if (
      !worstSet ||
      result.segments > worst.segments ||
      (result.segments === worst.segments && result.units > worst.units)
    ) {
      worstSet = true;
      worst = {
        segments: result.segments,
        encoding: result.encoding,
        units: result.units,
        name: name !== null && name.trim() !== '' ? name : null,
      };
    }
  }
  if (recipients === 0) for (const ch of encoding.nonGsmCharacters) nonGsm.add(ch);

  return {
    text,
    encoding,
    worst,
    anyUnicode: recipients === 0 ? encoding.encoding === 'UCS-2' : unicodeRecipients > 0,
    unicodeRecipients,
    recipients,
    unicodeNames,
    nonGsmCharacters: [...nonGsm],
  };
}
