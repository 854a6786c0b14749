import { answerPreviewText } from './answer.view';

describe('answerPreviewText', () => {
  it('renders the default first name and counts GSM-7 segments', () => {
    const text = answerPreviewText('Hi {{first_name}}, your order ships tomorrow.', 'there');
    expect(text).toContain('GSM-7 · 1 segment');
    expect(text).toContain('>Hi there, your order ships tomorrow.');
  });

  it('names the characters that switch the text to Unicode, and counts 70 per segment', () => {
    const text = answerPreviewText(`Don’t miss it ${'x'.repeat(60)}`, 'there');
    expect(text).toContain('UCS-2 · 2 segments');
    expect(text).toContain('“’” makes it Unicode');
  });

  it('asks for a body when there is none', () => {
    expect(answerPreviewText(undefined, 'there')).toContain('Type the message');
  });
});
