/**
 * Messaging Answer: the SMS body of a campaign, with one variable, the recipient's first name.
 *
 * Syntax: `{{first_name}}` (spaces inside the braces tolerated: `{{ first_name }}`); lower case only,
 * anything else between double braces is refused with a message naming it.
 *
 * Names: the CSV's column C is used exactly as the admin wrote it (trimmed, inner whitespace
 * collapsed, Unicode NFC so a decomposed "José" stays GSM-7). We do NOT reduce "Ana María López" to
 * "Ana": the product says column C's name replaces the first-name variable, and guessing a first
 * name breaks "Mary Ann", "de la Cruz" or family-name-first orders; the admin controls the column.
 * A missing or blank name is replaced by the answer's default first name (e.g. "there").
 */

export const FIRST_NAME_VARIABLE = '{{first_name}}';
const FIRST_NAME_KEY = 'first_name';

export const MAX_ANSWER_NAME_LENGTH = 100;
/** Maximum body length in characters (code points) once rendered (see PLAUSIBLE_NAME_LENGTH). */
export const MAX_BODY_LENGTH = 1600;
/** Length of the longest plausible recipient name, used to check the rendered body length. */
export const PLAUSIBLE_NAME_LENGTH = 40;
export const MAX_DEFAULT_FIRST_NAME_LENGTH = 40;

export interface MessagingAnswerInput {
  name?: string | null;
  language?: string | null;
  body?: string | null;
  defaultFirstName?: string | null;
}

export interface MessagingAnswer {
  name: string;
  /** Normalised BCP-47-ish tag: `en`, `es`, `fr-CA`, `zh-Hant-TW`. */
  language: string;
  /** Trimmed, CRLF → LF, NFC. */
  body: string;
  /** Trimmed; null when blank (only allowed when the body does not use the variable). */
  defaultFirstName: string | null;
  usesFirstName: boolean;
}

/** Errors are keyed by field: `name`, `language`, `body`, `defaultFirstName`. */
export type MessagingAnswerValidation =
  { ok: true; answer: MessagingAnswer } | { ok: false; errors: Record<string, string> };

/** A `{{ … }}` not glued to another brace (so `{{{x}}}` is reported as unbalanced). */
const PLACEHOLDER = /(?<!\{)\{\{([^{}]*)\}\}(?!\})/g;
const FIRST_NAME_PLACEHOLDER = /\{\{\s*first_name\s*\}\}/g;
const SINGLE_BRACE_FIRST_NAME = /(?<!\{)\{\s*first[ _]?name\s*\}(?!\})/i;

/** A name as it is put into a message: NFC, whitespace collapsed, trimmed. */
export function normaliseName(value: string | null | undefined): string {
  return (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** True when the body contains the first-name variable. */
export function usesFirstNameVariable(body: string): boolean {
  return new RegExp(FIRST_NAME_PLACEHOLDER.source).test(body);
}

/**
 * Renders a body for one recipient: every `{{first_name}}` becomes the recipient's name (trimmed,
 * whitespace collapsed, NFC) or, when that is empty, the default first name. Anything else is left
 * as is (validation refuses other variables). Names are inserted literally (`$&` stays `$&`).
 */
export function renderMessagingAnswer(
  body: string,
  names: { firstName?: string | null; defaultFirstName?: string | null },
): string {
  const name = normaliseName(names.firstName) || normaliseName(names.defaultFirstName);
  return body.replace(FIRST_NAME_PLACEHOLDER, () => name);
}

const LANGUAGE = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$/i;

/** `EN` → `en`, `fr_ca` → `fr-CA`, `zh-hant-tw` → `zh-Hant-TW`; null when not a language code. */
export function normaliseLanguageTag(value: string): string | null {
  const match = LANGUAGE.exec(value.trim().replace(/_/g, '-'));
  if (!match) return null;
  const [, language = '', script, region] = match;
  let tag = language.toLowerCase();
  if (script) tag += `-${script[0].toUpperCase()}${script.slice(1).toLowerCase()}`;
  if (region) tag += `-${region.toUpperCase()}`;
  return tag;
}

function excerptAround(text: string, index: number): string {
  const start = Math.max(0, index - 12);
  const end = Math.min(text.length, index + 14);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`.replace(/\s+/g, ' ');
}

function bodyErrors(body: string, defaultFirstName: string): string[] {
  const errors: string[] = [];
  const unknown: string[] = [];
  let caseHint = false;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const inner = match[1].trim();
    if (inner === FIRST_NAME_KEY) continue;
    const shown = `{{${inner}}}`;
    if (!unknown.includes(shown)) unknown.push(shown);
    if (inner.toLowerCase().replace(/\s+/g, '_') === FIRST_NAME_KEY) caseHint = true;
  }

  // Mask well-formed placeholders (same length) and look for leftover braces.
  const masked = body.replace(PLACEHOLDER, (m) => ' '.repeat(m.length));
  const stray = masked.search(/\{\{|\}\}/);
  if (stray >= 0) {
    errors.push(
      `Unbalanced braces near "${excerptAround(body, stray)}": write the variable as ${FIRST_NAME_VARIABLE}.`,
    );
  } else if (SINGLE_BRACE_FIRST_NAME.test(masked)) {
    errors.push(`Write the variable with two braces on each side: ${FIRST_NAME_VARIABLE}.`);
  }
  if (unknown.length > 0) {
    errors.push(
      `Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the only variable is ${FIRST_NAME_VARIABLE}` +
        (caseHint ? ' (lower case, with an underscore).' : '.'),
    );
  }

  const longestName = Math.max(PLAUSIBLE_NAME_LENGTH, [...defaultFirstName].length);
  const rendered = renderMessagingAnswer(body, { firstName: 'x'.repeat(longestName) });
  const length = [...rendered].length;
  if (length > MAX_BODY_LENGTH) {
    const withName = usesFirstNameVariable(body)
      ? ` with a ${longestName}-character name in ${FIRST_NAME_VARIABLE}`
      : '';
    errors.push(
      `Too long: ${length.toLocaleString('en-US')} characters${withName} (limit ${MAX_BODY_LENGTH.toLocaleString('en-US')}).`,
    );
  }
  return errors;
}

export function validateMessagingAnswer(input: MessagingAnswerInput): MessagingAnswerValidation {
  const errors: Record<string, string> = {};

  const name = (input.name ?? '').trim();
  if (name === '') errors['name'] = 'Enter a name for this Messaging Answer.';
  else if ([...name].length > MAX_ANSWER_NAME_LENGTH)
    errors['name'] = `Use at most ${MAX_ANSWER_NAME_LENGTH} characters (this one has ${[...name].length}).`;

  const rawLanguage = (input.language ?? '').trim();
  const language = rawLanguage === '' ? null : normaliseLanguageTag(rawLanguage);
  if (rawLanguage === '') errors['language'] = 'Choose a language, such as en, es or fr-CA.';
  else if (language === null)
    errors['language'] = `"${rawLanguage}" is not a language code: use one such as en, es or fr-CA.`;

  const body = (input.body ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim();
  const defaultFirstName = normaliseName(input.defaultFirstName);
  const usesFirstName = usesFirstNameVariable(body);
  if (body === '') {
    errors['body'] = 'Enter the message text.';
  } else {
    const problems = bodyErrors(body, defaultFirstName);
    if (problems.length > 0) errors['body'] = problems.join(' ');
  }

  if (usesFirstName && defaultFirstName === '') {
    errors['defaultFirstName'] =
      `Enter the name used when a recipient has none (for example "there"): the message uses ${FIRST_NAME_VARIABLE}.`;
  } else if ([...defaultFirstName].length > MAX_DEFAULT_FIRST_NAME_LENGTH) {
    errors['defaultFirstName'] = `Use at most ${MAX_DEFAULT_FIRST_NAME_LENGTH} characters.`;
  } else if (/[{}]/.test(defaultFirstName)) {
    errors['defaultFirstName'] = 'The default first name cannot contain braces.';
  }

  if (Object.keys(errors).length > 0 || language === null) return { ok: false, errors };
  return {
    ok: true,
    answer: {
      name,
      language,
      body,
      defaultFirstName: defaultFirstName === '' ? null : defaultFirstName,
      usesFirstName,
    },
  };
}
