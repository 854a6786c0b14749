import fc from 'fast-check';
import { answerPreview, describeNonGsmCharacter, messageDataCoding, smsEncoding } from './sms-segments';

const a = (n: number) => 'a'.repeat(n);

describe('smsEncoding — GSM-7', () => {
  it('160 GSM characters are one segment, 161 are two', () => {
    expect(smsEncoding(a(160))).toEqual({
      encoding: 'GSM-7',
      units: 160,
      segments: 1,
      perSegment: 160,
      nonGsmCharacters: [],
    });
    expect(smsEncoding(a(161))).toMatchObject({ units: 161, segments: 2, perSegment: 153 });
    expect(smsEncoding(a(306)).segments).toBe(2);
    expect(smsEncoding(a(307)).segments).toBe(3);
  });

  it('accepts the whole default alphabet, including the accented letters and Greek capitals', () => {
    const basic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà';
    expect(smsEncoding(basic)).toMatchObject({ encoding: 'GSM-7', units: [...basic].length });
  });

  it('counts extension characters as 2', () => {
    expect(smsEncoding('€[]{}\\^~|\f').units).toBe(20);
    expect(smsEncoding(a(158) + '€')).toMatchObject({ units: 160, segments: 1 });
    expect(smsEncoding(a(159) + '€')).toMatchObject({ units: 161, segments: 2 });
  });

  it('never splits a € across segments (306 septets can need 3 parts)', () => {
    const text = a(152) + '€' + a(152);
    expect(smsEncoding(text)).toMatchObject({ units: 306, segments: 3 });
    expect(smsEncoding(a(151) + '€' + a(153)).segments).toBe(2);
  });

  it('empty text is 0 segments', () => {
    expect(smsEncoding('')).toMatchObject({ encoding: 'GSM-7', units: 0, segments: 0 });
  });
});

describe('smsEncoding — UCS-2', () => {
  it('70 unicode units are one segment, 71 are two', () => {
    expect(smsEncoding('ë' + a(69))).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70 });
    expect(smsEncoding('ë' + a(70))).toMatchObject({ units: 71, segments: 2, perSegment: 67 });
  });

  it('an emoji counts 2 and is never split across parts', () => {
    expect(smsEncoding('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    const text = 'ë' + a(65) + '😀' + a(66);
    expect(smsEncoding(text)).toMatchObject({ units: 134, segments: 3 });
  });

  it('names the characters that force unicode, once each', () => {
    const result = smsEncoding('We’re here ’ ok 😀 ç');
    expect(result.nonGsmCharacters).toEqual(['’', '😀', 'ç']);
    expect(describeNonGsmCharacter('’')).toBe('’ (curly apostrophe)');
    expect(describeNonGsmCharacter('😀')).toBe('😀 (emoji)');
    expect(describeNonGsmCharacter('ë')).toBe('ë (U+00EB)');
    expect(describeNonGsmCharacter('\u00A0')).toBe('non-breaking space (U+00A0)');
  });

  it('a tab and a backtick are not GSM', () => {
    expect(smsEncoding('a\tb').encoding).toBe('UCS-2');
    expect(smsEncoding('`').encoding).toBe('UCS-2');
  });
});

describe('messageDataCoding', () => {
  it('is plain only for pure GSM-7 text', () => {
    expect(messageDataCoding('Hi José, 50€ {ok}')).toBe('plain');
    expect(messageDataCoding('Hi Zoë')).toBe('unicode');
    expect(messageDataCoding('It’s ready')).toBe('unicode');
  });
});

describe('answerPreview', () => {
  const body = 'Hi {{first_name}}, your order is ready.';

  it('José stays GSM (é is GSM) but Zoë makes it unicode', () => {
    const preview = answerPreview(body, 'there', ['José', null, 'Zoë', '  ']);
    expect(preview.text).toBe('Hi there, your order is ready.');
    expect(preview.encoding.encoding).toBe('GSM-7');
    expect(preview.anyUnicode).toBe(true);
    expect(preview.unicodeRecipients).toBe(1);
    expect(preview.recipients).toBe(4);
    expect(preview.unicodeNames).toEqual(['Zoë']);
    expect(preview.nonGsmCharacters).toEqual(['ë']);
    expect(answerPreview(body, 'there', ['José']).anyUnicode).toBe(false);
  });

  it('reports the worst case in segments and whose name causes it', () => {
    const long = 'Hi {{first_name}}! ' + a(140);
    const preview = answerPreview(long, 'there', ['Al', 'Maximiliano Alejandro', 'Bo']);
    expect(preview.encoding.segments).toBe(1);
    expect(preview.worst).toMatchObject({ segments: 2, encoding: 'GSM-7', name: 'Maximiliano Alejandro' });
  });

  it('a unicode name can double the segments', () => {
    const preview = answerPreview('Hi {{first_name}}, ' + a(66), 'there', ['Zoë']);
    expect(preview.encoding).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(preview.worst).toMatchObject({ encoding: 'UCS-2', segments: 2, name: 'Zoë' });
  });

  it('an empty list falls back to the default rendering', () => {
    const preview = answerPreview(body, 'there', []);
    expect(preview.worst).toEqual({ segments: 1, encoding: 'GSM-7', units: 30, name: null });
    expect(preview.anyUnicode).toBe(false);
  });
});

describe('smsEncoding properties', () => {
  const alphabet = fc.constantFrom('a', 'Z', ' ', '\n', 'é', '€', '{', '^', '~', 'ë', '’', '😀', '中', 'ç', '\\');
  const text = fc.array(alphabet, { maxLength: 400 }).map((chars) => chars.join(''));

  it('is at least one segment for non-empty text', () => {
    fc.assert(fc.property(text, (t) => smsEncoding(t).segments >= (t === '' ? 0 : 1)));
  });

  it('never decreases when a character is appended', () => {
    fc.assert(fc.property(text, alphabet, (t, ch) => smsEncoding(t + ch).segments >= smsEncoding(t).segments));
  });

  it('segments hold all units: units ≤ segments × perSegment', () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = smsEncoding(t);
        return r.units <= r.segments * r.perSegment && (r.encoding === 'GSM-7') === (messageDataCoding(t) === 'plain');
      }),
    );
  });
});
