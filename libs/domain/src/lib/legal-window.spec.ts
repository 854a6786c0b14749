import { DEFAULT_LEGAL_WINDOW, formatLegalWindow, parseLegalWindow } from './legal-window';

describe('legal window', () => {
  it('defaults to the TCPA hours, 08:00 to 21:00', () => {
    expect(formatLegalWindow(DEFAULT_LEGAL_WINDOW)).toBe('08:00-21:00');
  });

  it.each([
    ['08:00-21:00', { open: 480, close: 1260 }],
    ['09:00-20:00', { open: 540, close: 1200 }],
    [' 08:00 - 20:00 ', { open: 480, close: 1200 }],
    ['00:00-24:00', { open: 0, close: 1440 }],
  ])('parses %j', (text, window) => {
    expect(parseLegalWindow(text)).toEqual({ ok: true, window });
  });

  it.each(['8-21', '08:00', '08:00-21:00-22:00', '08:00–21:00', '24:00-24:00', ''])(
    'refuses %j naming the expected format',
    (text) => {
      const result = parseLegalWindow(text);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toContain('HH:MM-HH:MM');
    },
  );

  it('refuses a window that closes before it opens', () => {
    expect(parseLegalWindow('21:00-08:00')).toEqual({
      ok: false,
      error:
        'Legal window "21:00-08:00" closes at or before it opens; expected HH:MM-HH:MM in 24-hour local time, e.g. 08:00-21:00.',
    });
  });
});
