import { gsmSeptets, smsEncoding } from '@proactive-sms/domain';

export type Datacoding = 'plain' | 'unicode';

/** `auto` resolved as MessageBird documents it: unicode only when the body needs it. */
export function resolveDatacoding(requested: 'plain' | 'unicode' | 'auto', body: string): Datacoding {
  if (requested !== 'auto') return requested;
  return smsEncoding(body).encoding === 'GSM-7' ? 'plain' : 'unicode';
}

/**
 * messageLength and messagePartCount of a recipient item. A `plain` body with characters outside GSM-7 is sent
 * with each of them replaced by one GSM character (MessageBird's documented behaviour), so each counts 1.
 */
export function measureSms(body: string, datacoding: Datacoding): { messageLength: number; messagePartCount: number } {
  if (datacoding === 'unicode') {
    const units = body.length;
    return { messageLength: units, messagePartCount: units <= 70 ? 1 : Math.ceil(units / 67) };
  }
  const encoding = smsEncoding(body);
  if (encoding.encoding === 'GSM-7')
    return { messageLength: encoding.units, messagePartCount: Math.max(1, encoding.segments) };
  let septets = 0;
  for (const character of body) septets += gsmSeptets(character) || 1;
  return { messageLength: septets, messagePartCount: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}
