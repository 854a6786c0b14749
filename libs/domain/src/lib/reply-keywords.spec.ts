import fc from 'fast-check';
import { HELP_KEYWORDS, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, OPT_OUT_PHRASES, classifyReply } from './reply-keywords';

describe('classifyReply', () => {
  it.each(OPT_OUT_KEYWORDS)('%s opts out', (k) => expect(classifyReply(k)).toBe('opt_out'));
  it.each(OPT_IN_KEYWORDS)('%s opts back in', (k) => expect(classifyReply(k)).toBe('opt_in'));
  it.each(HELP_KEYWORDS)('%s asks for help', (k) => expect(classifyReply(k)).toBe('help'));

  it.each([
    'Stop.',
    ' STOP!! ',
    'stop 🙏',
    '*stop*',
    'sToP',
    '"Stop"',
    'ＳＴＯＰ',
    'Stop please',
    'please STOP',
    'stop stop',
    'Unsubscribe.',
    'opt-out',
    "'stop'",
    'STOP\u200B',
  ])('%j opts out', (text) => expect(classifyReply(text)).toBe('opt_out'));

  it.each([
    'Stop texting me please',
    'stop texting me',
    'Unsubscribe me',
    'Please remove me from your list.',
    'Don’t text me',
    'do not contact me!',
    'Thanks for the reminder. STOP',
    'I moved away.\nStop',
    'Stop all',
  ])('revocation phrase %j opts out', (text) => expect(classifyReply(text)).toBe('opt_out'));

  it.each([
    "don't stop",
    'Can you stop by the store?',
    'stop by tomorrow',
    'When does the store open?',
    'Yes. See you then',
    'Help me find my order',
    'information please?',
    'the end',
    '',
    '🙏',
    'STOP2',
  ])('%j is an ordinary message', (text) => expect(classifyReply(text)).toBe('message'));

  it('is case-, width- and punctuation-insensitive for the other keywords', () => {
    expect(classifyReply(' Yes! ')).toBe('opt_in');
    expect(classifyReply('ｓｔａｒｔ')).toBe('opt_in');
    expect(classifyReply('Help?')).toBe('help');
    expect(classifyReply('info please')).toBe('help');
  });

  it('opt-out wins when a reply is only keywords', () => {
    expect(classifyReply('HELP STOP')).toBe('opt_out');
    expect(classifyReply('yes help')).toBe('help');
  });

  it('the phrase list stays small and in normalised form', () => {
    expect(OPT_OUT_PHRASES.length).toBeLessThanOrEqual(25);
    for (const phrase of OPT_OUT_PHRASES) expect(phrase).toMatch(/^[a-z]+( [a-z]+)*$/);
  });

  it('any opt-out keyword surrounded by punctuation or emoji still opts out', () => {
    const decoration = fc.constantFrom('', ' ', '.', '!!', '*', '🙏', '  ', '"', '…');
    fc.assert(
      fc.property(
        fc.constantFrom(...OPT_OUT_KEYWORDS),
        decoration,
        decoration,
        fc.boolean(),
        (k, before, after, lower) => classifyReply(before + (lower ? k.toLowerCase() : k) + after) === 'opt_out',
      ),
    );
  });
});
