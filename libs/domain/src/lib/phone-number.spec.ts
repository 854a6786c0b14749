import fc from 'fast-check';
import { normalisePhoneNumber } from './phone-number';

function e164Of(input: string): string | undefined {
  const result = normalisePhoneNumber(input);
  return result.ok ? result.e164 : undefined;
}

function messageOf(input: string): string {
  const result = normalisePhoneNumber(input);
  if (result.ok) throw new Error(`expected ${input} to be refused, got ${result.e164}`);
  expect(result.reason).toBe('Invalid Phone Number');
  return result.message;
}

describe('normalisePhoneNumber', () => {
  it.each([
    ['1-555-123-4567', '+15551234567'], // the product's own example: fictional 555 area code, "possible"
    ['+1 555 123 4567', '+15551234567'],
    ['+1 (555) 123-4567', '+15551234567'],
    ['(1) 212.555.0100', '+12125550100'],
    ['12125550100', '+12125550100'],
    ['+49 30 1234567', '+49301234567'],
    ['49-30-1234567', '+49301234567'],
    ['44 7700 900123', '+447700900123'],
    ['61 491 570 156', '+61491570156'],
    ['0049 30 1234567', '+49301234567'],
    ["'+15551234567", '+15551234567'],
    ['  +15551234567  ', '+15551234567'],
    ['+44 (0)20 7946 0958', '+442079460958'], // a national 0 after the country code is dropped
    ['+1 1 212 555 0100', '+12125550100'],
  ])('accepts %s as %s', (input, e164) => expect(e164Of(input)).toBe(e164));

  it.each([
    ['555-123-4567', '1-555-123-4567'],
    ['212-555-0100', '1-212-555-0100'],
    ['3125550100', '1-312-555-0100'], // would otherwise be a "possible" Dutch number
  ])('hints that %s lacks its country code', (input, example) => {
    const message = messageOf(input);
    expect(message).toMatch(/country code/);
    expect(message).toContain(`1 for the US: ${example}`);
  });

  it('refuses impossible numbers', () => {
    expect(messageOf('+1 555 123 456')).toMatch(/too short/);
    expect(messageOf('+1 555 123 45678')).toMatch(/too long/);
    expect(messageOf('+999 123 456')).toMatch(/known country code/);
    expect(messageOf('+1')).toMatch(/too short/);
    expect(messageOf('+386 0000000')).toMatch(/not a possible/); // would lose a 0 on every pass
  });

  it('refuses letters, extensions, national prefixes and spreadsheet damage', () => {
    expect(messageOf('+1 800 FLOWERS')).toMatch(/letters/);
    expect(messageOf('+15551234567 ext 12')).toMatch(/letters/);
    expect(messageOf('07700 900123')).toMatch(/starts with 0/);
    expect(messageOf('1.55512E+10')).toMatch(/scientific notation/);
    expect(messageOf('1+555')).toMatch(/"\+"/);
    expect(messageOf('')).toMatch(/missing/);
    expect(messageOf('---')).toMatch(/no digits/);
  });

  it('an accepted number normalises to itself, however it is punctuated', () => {
    const separator = fc.constantFrom('', ' ', '-', '.', ' - ');
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{6,13}$/), fc.boolean(), separator, (digits, plus, sep) => {
        const first = normalisePhoneNumber(`${plus ? '+' : ''}${digits}`);
        if (!first.ok) return;
        expect(first.e164).toMatch(/^\+[1-9]\d+$/);
        expect(normalisePhoneNumber(first.e164)).toEqual(first);
        const spaced = digits.replace(/(\d{3})(?=\d)/g, `$1${sep}`);
        expect(normalisePhoneNumber(`+${spaced}`)).toEqual(first);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, whatever the cell holds', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const result = normalisePhoneNumber(input);
        if (result.ok) expect(result.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });
});
