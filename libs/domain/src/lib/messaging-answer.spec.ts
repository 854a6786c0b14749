import fc from 'fast-check';
import {
  FIRST_NAME_VARIABLE,
  MAX_BODY_LENGTH,
  normaliseLanguageTag,
  renderMessagingAnswer,
  usesFirstNameVariable,
  validateMessagingAnswer,
} from './messaging-answer';

const valid = {
  name: '  Order ready  ',
  language: 'EN',
  body: '  Hi {{ first_name }}, your order is ready.\r\n',
  defaultFirstName: ' there ',
};

describe('validateMessagingAnswer', () => {
  it('returns the trimmed, normalised answer', () => {
    expect(FIRST_NAME_VARIABLE).toBe('{{first_name}}');
    expect(validateMessagingAnswer(valid)).toEqual({
      ok: true,
      answer: {
        name: 'Order ready',
        language: 'en',
        body: 'Hi {{ first_name }}, your order is ready.',
        defaultFirstName: 'there',
        usesFirstName: true,
      },
    });
  });

  it('reports every missing field at once', () => {
    const result = validateMessagingAnswer({ name: ' ', language: '', body: ' \n ', defaultFirstName: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['body', 'language', 'name']);
  });

  it('limits the name to 100 characters', () => {
    expect(validateMessagingAnswer({ ...valid, name: 'x'.repeat(100) }).ok).toBe(true);
    const result = validateMessagingAnswer({ ...valid, name: 'x'.repeat(101) });
    expect(result).toEqual({ ok: false, errors: { name: expect.stringContaining('100') } });
  });

  it.each([
    ['en', 'en'],
    ['ES', 'es'],
    ['fr-ca', 'fr-CA'],
    ['fr_CA', 'fr-CA'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
  ])('normalises language %s to %s', (input, expected) => {
    expect(normaliseLanguageTag(input)).toBe(expected);
  });

  it.each(['english', 'e', 'en-', 'en-USA1', '12'])('refuses language %s', (language) => {
    const result = validateMessagingAnswer({ ...valid, language });
    expect(result).toEqual({ ok: false, errors: { language: expect.stringContaining('en, es or fr-CA') } });
  });

  it('refuses unknown variables, naming them', () => {
    const result = validateMessagingAnswer({ ...valid, body: 'Hi {{first_name}} {{last_name}} {{ city }}' });
    expect(result).toEqual({
      ok: false,
      errors: { body: 'Unknown variables {{last_name}}, {{city}}: the only variable is {{first_name}}.' },
    });
    const one = validateMessagingAnswer({ ...valid, body: 'Hi {{last_name}}' });
    expect(one.ok === false && one.errors['body']).toBe(
      'Unknown variable {{last_name}}: the only variable is {{first_name}}.',
    );
    const upper = validateMessagingAnswer({ ...valid, body: 'Hi {{First_Name}}' });
    expect(upper.ok === false && upper.errors['body']).toContain('(lower case, with an underscore)');
  });

  it.each(['Hi {{first_name}', 'Hi {{first_name', 'Hi first_name}}', 'Hi {{{first_name}}}', 'a }} b {{'])(
    'refuses unbalanced braces in %j',
    (body) => {
      const result = validateMessagingAnswer({ ...valid, body });
      expect(result.ok === false && result.errors['body']).toMatch(/^Unbalanced braces near ".*"/);
    },
  );

  it('points out a single-brace variable, but single braces elsewhere are plain text', () => {
    const result = validateMessagingAnswer({ ...valid, body: 'Hi {first_name}' });
    expect(result.ok === false && result.errors['body']).toContain('two braces');
    expect(validateMessagingAnswer({ ...valid, body: 'Code {A1} [ok] ~ |' }).ok).toBe(true);
  });

  it('requires a default first name only when the body uses the variable', () => {
    const result = validateMessagingAnswer({ ...valid, defaultFirstName: '  ' });
    expect(result).toEqual({ ok: false, errors: { defaultFirstName: expect.stringContaining('"there"') } });
    const plain = validateMessagingAnswer({ ...valid, body: 'Your order is ready.', defaultFirstName: null });
    expect(plain.ok && plain.answer).toMatchObject({ defaultFirstName: null, usesFirstName: false });
  });

  it('limits the body to 1,600 characters with a 40-character name filled in', () => {
    const body = (filler: number) => 'Hi {{first_name}}, ' + 'a'.repeat(filler);
    // 'Hi ' + 40 + ', ' = 45 characters around the filler.
    expect(validateMessagingAnswer({ ...valid, body: body(MAX_BODY_LENGTH - 45) }).ok).toBe(true);
    const result = validateMessagingAnswer({ ...valid, body: body(MAX_BODY_LENGTH - 44) });
    expect(result.ok === false && result.errors['body']).toBe(
      'Too long: 1,601 characters with a 40-character name in {{first_name}} (limit 1,600).',
    );
    expect(validateMessagingAnswer({ ...valid, body: 'x'.repeat(1600) }).ok).toBe(true);
    expect(validateMessagingAnswer({ ...valid, body: 'x'.repeat(1601) }).ok).toBe(false);
  });
});

describe('renderMessagingAnswer', () => {
  const body = 'Hi {{first_name}}! {{ first_name }}, see you.';

  it('uses the CSV name exactly as written, trimmed', () => {
    expect(renderMessagingAnswer(body, { firstName: '  Ana María López ', defaultFirstName: 'there' })).toBe(
      'Hi Ana María López! Ana María López, see you.',
    );
  });

  it('falls back to the default for a missing or blank name', () => {
    expect(renderMessagingAnswer(body, { firstName: null, defaultFirstName: 'there' })).toBe(
      'Hi there! there, see you.',
    );
    expect(renderMessagingAnswer(body, { firstName: ' \t', defaultFirstName: ' there ' })).toBe(
      'Hi there! there, see you.',
    );
  });

  it('inserts names literally and composes decomposed accents (José stays GSM)', () => {
    expect(renderMessagingAnswer('Hi {{first_name}}', { firstName: '$& $1' })).toBe('Hi $& $1');
    expect(renderMessagingAnswer('Hi {{first_name}}', { firstName: 'Jose\u0301' })).toBe('Hi Jos\u00e9');
  });

  it('never leaves the variable behind when a name or default is given', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        (name, fallback) => {
          const out = renderMessagingAnswer('A {{first_name}} B {{ first_name }}', {
            firstName: name,
            defaultFirstName: fallback,
          });
          return !usesFirstNameVariable(out) || /first_name/.test(name + fallback);
        },
      ),
    );
  });
});
