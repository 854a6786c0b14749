import { toE164, toMsisdn } from './phone-number';

describe('toE164', () => {
  it('adds the "+" MessageBird leaves out', () => {
    expect(toE164('31612345678')).toBe('+31612345678');
    expect(toE164(31612345678)).toBe('+31612345678');
    expect(toE164('+15551234567')).toBe('+15551234567');
  });

  it('drops formatting and the 00 international prefix', () => {
    expect(toE164(' +1 (555) 123-4567 ')).toBe('+15551234567');
    expect(toE164('0031612345678')).toBe('+31612345678');
  });

  it('keeps short codes', () => {
    expect(toE164('51515')).toBe('+51515');
  });

  it('refuses what is not a number', () => {
    expect(toE164('MessageBird')).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164(undefined)).toBeNull();
    expect(toE164(null)).toBeNull();
    expect(toE164('0612345678')).toBeNull();
    expect(toE164('+1234567890123456')).toBeNull();
  });
});

describe('toMsisdn', () => {
  it('writes the digits MessageBird documents', () => {
    expect(toMsisdn('+15551234567')).toBe('15551234567');
    expect(toMsisdn('15551234567')).toBe('15551234567');
  });
});
