/**
 * Recipient phone numbers (column B of a recipient CSV) → E.164.
 *
 * Rules (from the product): the number must carry its country code (1 for the US); the "+" is
 * optional and added when missing; spaces, dashes, dots, slashes and parentheses are allowed
 * (1-555-123-4567, +49 30 1234567, (1) 212.555.0100). A leading "00" international prefix is read as "+".
 *
 * "Possible", not "valid": libphonenumber's isValid() checks each country's assigned number ranges,
 * and it refuses the product's own example 1-555-123-4567 (555 is a fictional US area code) as well
 * as numbers in ranges allocated after the metadata was built. We accept numbers that are
 * *possible* — a known country code and a length that country uses — and still refuse unknown
 * country codes and numbers that are too short or too long. Whether a possible number really
 * reaches a phone is for the SMS provider to say.
 *
 * One exception: 10 digits without "+" that only make a *possible* (not valid) number abroad but a
 * North American number once "1" is put in front (555-123-4567 would otherwise be read as +55,
 * Brazil; 312-555-0100 as +31, the Netherlands) are refused with a hint to add the country code.
 * Texting a stranger abroad is worse than asking the admin to fix one cell.
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js';

export const INVALID_PHONE_NUMBER = 'Invalid Phone Number' as const;

export type PhoneNumberResult =
  { ok: true; e164: string } | { ok: false; reason: typeof INVALID_PHONE_NUMBER; message: string };

const SEPARATORS = new Set([
  ' ',
  '\u00a0',
  '\u202f',
  '\u2009',
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '.',
  '(',
  ')',
  '/',
]);
const FORMAT_HINT = 'Write the country code first, e.g. 1-555-123-4567 for the US or 44 7700 900123 for the UK.';

function refuse(message: string): PhoneNumberResult {
  return { ok: false, reason: INVALID_PHONE_NUMBER, message };
}

function usExample(digits: string): string {
  return `1-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

function missingCountryCode(shown: string, digits: string): PhoneNumberResult {
  const example = digits.length === 10 ? usExample(digits) : '1-212-555-0100';
  return refuse(`"${shown}" seems to be missing its country code: add it at the start, e.g. 1 for the US: ${example}.`);
}

/**
 * Normalises a phone number that carries its country code to E.164 (+15551234567).
 */
export function normalisePhoneNumber(input: string): PhoneNumberResult {
  // A leading apostrophe is how spreadsheets mark "text" (and how our error log writes phones).
  const shown = input.trim();
  const text = shown.startsWith("'") ? shown.slice(1).trim() : shown;
  if (text === '') {
    return refuse(`The phone number is missing. ${FORMAT_HINT}`);
  }

  let digits = '';
  let explicitPlus = false;
  for (const [index, char] of [...text].entries()) {
    if (char >= '0' && char <= '9') {
      digits += char;
    } else if ((char === '+' || char === '\uff0b') && index === 0) {
      explicitPlus = true;
    } else if (!SEPARATORS.has(char)) {
      if (/^\d(\.\d+)?E\+?\d+$/i.test(text.replace(',', '.'))) {
        return refuse(
          `"${shown}" looks like a number a spreadsheet turned into scientific notation, which loses digits. ` +
            'Format column B as Text, type the numbers again, and save as CSV UTF-8.',
        );
      }
      const what = /[a-z]/i.test(char) ? 'letters (extensions and vanity numbers can’t receive SMS)' : `"${char}"`;
      return refuse(
        `"${shown}" contains ${what}; use only digits, spaces, dashes, dots and parentheses. ${FORMAT_HINT}`,
      );
    }
  }

  if (digits === '') {
    return refuse(`"${shown}" has no digits. ${FORMAT_HINT}`);
  }
  if (!explicitPlus && digits.startsWith('00')) {
    digits = digits.slice(2); // international dialling prefix, as in 0049 30 1234567
    explicitPlus = true;
  }
  if (digits.startsWith('0')) {
    return refuse(
      `"${shown}" starts with 0, but it must start with the country code: replace a national leading 0 (or an ` +
        `011 dialling prefix) with the country code, e.g. 44 7700 900123 instead of 07700 900123 for the UK.`,
    );
  }

  const international = `+${digits}`;
  const phone = parsePhoneNumberFromString(international);
  const possible = phone?.isPossible() === true;
  const lengthProblem = possible ? undefined : validatePhoneNumberLength(international);

  if (phone === undefined || lengthProblem === 'INVALID_COUNTRY') {
    if (!explicitPlus && digits.length <= 10) return missingCountryCode(shown, digits);
    if (lengthProblem === 'TOO_SHORT') return refuse(`"${shown}" is too short for a phone number. ${FORMAT_HINT}`);
    return refuse(`"${shown}" does not start with a known country code. ${FORMAT_HINT}`);
  }

  if (!explicitPlus && digits.length === 10 && !phone.isValid()) {
    const northAmerican = parsePhoneNumberFromString(`+1${digits}`);
    if (northAmerican?.isPossible()) return missingCountryCode(shown, digits);
  }

  if (!possible) {
    if (!explicitPlus && digits.length <= 10) return missingCountryCode(shown, digits);
    const problem =
      lengthProblem === 'TOO_SHORT' ? 'too short' : lengthProblem === 'TOO_LONG' ? 'too long' : 'not the right length';
    return refuse(
      `"${shown}" is ${problem} for a phone number with country code +${phone.countryCallingCode}. ${FORMAT_HINT}`,
    );
  }

  // libphonenumber drops a national prefix written after the country code (+44 (0)20 …, +1 1 212 …).
  // The result must be stable: +386 0000000 would lose a 0 on every pass, so it is not a real number.
  // When nothing was dropped the result is the input itself, stable by definition: no second parse.
  if (phone.number !== international && parsePhoneNumberFromString(phone.number)?.number !== phone.number) {
    return refuse(
      `"${shown}" is not a possible phone number for country code +${phone.countryCallingCode}. ${FORMAT_HINT}`,
    );
  }
  return { ok: true, e164: phone.number };
}
