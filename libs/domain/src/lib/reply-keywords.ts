/**
 * Classifies an inbound SMS reply: opt-out, opt back in, help, or an ordinary message.
 *
 * Normalisation: NFKC (full-width "ＳＴＯＰ" → "STOP"), lower case, apostrophes removed
 * ("don't" → "dont"), every other character that is not a letter, mark or digit (punctuation,
 * emoji, symbols, zero-width characters) becomes a space, whitespace collapsed. A leading
 * "please"/"pls"/"plz" and a trailing "please"/"pls"/"plz"/"thanks"/"thank you" are ignored.
 *
 * Decisions:
 * - A keyword alone (CTIA) is classified: "Stop.", " STOP!! ", "stop 🙏", "*stop*", "please stop",
 *   "stop stop". Several keywords only ("help stop") → opt-out wins, then help, then opt-in.
 * - FCC 2025 (revocation by any reasonable means): a small, closed list of unambiguous revocation
 *   phrases (OPT_OUT_PHRASES, e.g. "stop texting me", "unsubscribe me") also opt out. Opt-out is
 *   also recognised when ONE SENTENCE of a longer reply is exactly a keyword or such a phrase
 *   ("Thanks for the reminder. STOP"). Anything else is a message: "don't stop", "can you stop by
 *   the store", "stop by tomorrow".
 * - Opt-in and help need the whole reply to be the keyword ("Yes. See you then" is a message).
 *   YES is an opt-in keyword per CTIA; callers should treat 'opt_in' from a recipient who is not
 *   opted out as an ordinary reply too (it may just answer a question).
 */

export type ReplyKind = 'opt_out' | 'opt_in' | 'help' | 'message';

export const OPT_OUT_KEYWORDS: readonly string[] = [
  'STOP',
  'END',
  'CANCEL',
  'UNSUBSCRIBE',
  'QUIT',
  'STOPALL',
  'REVOKE',
  'OPTOUT',
];
export const OPT_IN_KEYWORDS: readonly string[] = ['START', 'UNSTOP', 'YES'];
export const HELP_KEYWORDS: readonly string[] = ['HELP', 'INFO'];

/** Whole-sentence revocation phrases, in normalised form (lower case, no apostrophes). */
export const OPT_OUT_PHRASES: readonly string[] = [
  'stop all',
  'opt out',
  'opt me out',
  'stop texting me',
  'stop texting',
  'stop messaging me',
  'stop sending me texts',
  'stop sending me messages',
  'stop contacting me',
  'unsubscribe me',
  'remove me',
  'remove me from your list',
  'remove me from this list',
  'take me off your list',
  'dont text me',
  'do not text me',
  'dont contact me',
  'do not contact me',
  'no more texts',
  'no more messages',
];

const optOut = new Set(OPT_OUT_KEYWORDS.map((k) => k.toLowerCase()));
const optIn = new Set(OPT_IN_KEYWORDS.map((k) => k.toLowerCase()));
const help = new Set(HELP_KEYWORDS.map((k) => k.toLowerCase()));
const phrases = new Set(OPT_OUT_PHRASES);

const LEADING_POLITENESS = new Set(['please', 'pls', 'plz']);
const TRAILING_POLITENESS = ['please', 'pls', 'plz', 'thanks', 'thank you', 'thx'];

/** Normalised words of a reply (see the module comment). */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02BC\u0060\u00B4]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

function stripPoliteness(normalised: string): string {
  let words = normalised.split(' ').filter((w) => w !== '');
  if (words.length > 1 && LEADING_POLITENESS.has(words[0])) words = words.slice(1);
  let joined = words.join(' ');
  for (const tail of TRAILING_POLITENESS) {
    if (joined !== tail && joined.endsWith(` ${tail}`)) {
      joined = joined.slice(0, -tail.length - 1);
      break;
    }
  }
  return joined;
}

function keywordKind(sentence: string): ReplyKind {
  const stripped = stripPoliteness(sentence);
  if (stripped === '') return 'message';
  if (phrases.has(stripped)) return 'opt_out';
  const words = stripped.split(' ');
  let kinds = 0;
  let anyOut = false;
  let anyHelp = false;
  let anyIn = false;
  for (const word of words) {
    if (optOut.has(word)) anyOut = true;
    else if (help.has(word)) anyHelp = true;
    else if (optIn.has(word)) anyIn = true;
    else return 'message';
    kinds += 1;
  }
  if (kinds === 0) return 'message';
  return anyOut ? 'opt_out' : anyHelp ? 'help' : anyIn ? 'opt_in' : 'message';
}

export function classifyReply(text: string): ReplyKind {
  const whole = keywordKind(normaliseReply(text));
  if (whole !== 'message') return whole;
  // A sentence of a longer reply that is exactly an opt-out keyword or phrase.
  const sentences = text.normalize('NFKC').split(/[.!?;\n\r]+/);
  if (sentences.length > 1) {
    for (const sentence of sentences) {
      if (keywordKind(normaliseReply(sentence)) === 'opt_out') return 'opt_out';
    }
  }
  return 'message';
}
