/**
 * What can go wrong with a POST /messages, on demand. Each fault says what the client sees and whether the
 * message was recorded (i.e. "sent"):
 *
 * | type                   | client sees                                 | recorded | adapter outcome      |
 * |------------------------|---------------------------------------------|----------|----------------------|
 * | 429                    | 429 + Retry-After, JSON error               | no       | rate_limited         |
 * | 500                    | 500 with an HTML page                       | no       | unknown              |
 * | timeout                | nothing, ever (socket held)                 | no       | unknown              |
 * | timeout_after_accept   | nothing, ever (socket held)                 | yes      | unknown              |
 * | reset_after_accept     | connection reset                            | yes      | unknown              |
 * | connection_reset       | connection reset                            | no       | unknown              |
 * | balance                | 422, code 25 Not enough balance             | no       | insufficient_balance |
 * | invalid_recipient      | 422, code 9 no (correct) recipients found   | no       | invalid_recipient    |
 * | bad_credentials        | 401, code 2                                 | no       | bad_credentials      |
 * | delivered              | 201 (the default outcome, as a rule)        | yes      | accepted             |
 * | delivery_failed        | 201, then a delivery_failed status report   | yes      | accepted             |
 * | expired                | 201, then an expired status report          | yes      | accepted             |
 */
export const FAULT_TYPES = [
  '429',
  '500',
  'timeout',
  'timeout_after_accept',
  'reset_after_accept',
  'connection_reset',
  'balance',
  'invalid_recipient',
  'bad_credentials',
  'delivered',
  'delivery_failed',
  'expired',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export type Fault = {
  type: FaultType;
  /** 429 only: the Retry-After header, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** delivery_failed / expired: the report's statusReason and statusErrorCode. */
  statusReason?: string;
  statusErrorCode?: number;
};

/** A fault for every message to one recipient, `times` times (default: until cleared). */
export type FaultRule = Fault & { recipient: string; times?: number };

/** Body of POST /__sandbox/faults: a queue for the next requests, and/or recipient rules. */
export type FaultRequest = { next?: Fault[]; rules?: FaultRule[] } | FaultRule;

export class FaultRequestError extends Error {}

type ActiveRule = { fault: Fault; msisdn: string; remaining: number };

export class FaultPlan {
  private queue: Fault[] = [];
  private rules: ActiveRule[] = [];

  add(request: unknown): void {
    if (typeof request !== 'object' || request === null) throw new FaultRequestError('send a JSON object');
    const body = request as Record<string, unknown>;
    const next = body['next'] === undefined ? [] : asArray(body['next'], 'next').map(parseFault);
    const rules = body['rules'] === undefined ? [] : asArray(body['rules'], 'rules').map(parseRule);
    if (typeof body['recipient'] === 'string') rules.push(parseRule(body));
    if (next.length === 0 && rules.length === 0) {
      throw new FaultRequestError('nothing to inject: give "next": [faults], "rules": [rules] or a "recipient" rule');
    }
    this.queue.push(...next);
    this.rules.push(...rules);
  }

  /** The fault for this request: the queue first, then the first rule naming one of its recipients. */
  take(msisdns: readonly string[]): Fault | undefined {
    const queued = this.queue.shift();
    if (queued) return queued;
    const index = this.rules.findIndex((rule) => msisdns.includes(rule.msisdn));
    if (index < 0) return undefined;
    const rule = this.rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }

  clear(): void {
    this.queue = [];
    this.rules = [];
  }

  describe(): { next: Fault[]; rules: FaultRule[] } {
    return {
      next: [...this.queue],
      rules: this.rules.map((rule) => ({
        ...rule.fault,
        recipient: `+${rule.msisdn}`,
        ...(Number.isFinite(rule.remaining) ? { times: rule.remaining } : {}),
      })),
    };
  }
}

function asArray(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw new FaultRequestError(`"${name}" must be an array`);
  return value;
}

function parseFault(value: unknown): Fault {
  const item = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const type = String(item['type']);
  if (!(FAULT_TYPES as readonly string[]).includes(type)) {
    throw new FaultRequestError(`unknown fault type "${type}": use one of ${FAULT_TYPES.join(', ')}`);
  }
  const fault: Fault = { type: type as FaultType };
  const retryAfter = item['retryAfterSeconds'];
  if (retryAfter !== undefined) {
    if (!Number.isInteger(retryAfter) || (retryAfter as number) < 0) {
      throw new FaultRequestError('"retryAfterSeconds" must be a whole number of seconds');
    }
    fault.retryAfterSeconds = retryAfter as number;
  }
  if (typeof item['statusReason'] === 'string') fault.statusReason = item['statusReason'];
  if (Number.isInteger(item['statusErrorCode'])) fault.statusErrorCode = item['statusErrorCode'] as number;
  return fault;
}

function parseRule(value: unknown): ActiveRule {
  const item = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const msisdn = String(item['recipient'] ?? '')
    .replace(/[\s-]/g, '')
    .replace(/^\+/, '');
  if (!/^\d{3,15}$/.test(msisdn))
    throw new FaultRequestError(`rule recipient "${String(item['recipient'])}" is not a number`);
  const times = item['times'];
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) {
    throw new FaultRequestError('"times" must be a positive whole number');
  }
  return { fault: parseFault(item), msisdn, remaining: times === undefined ? Infinity : (times as number) };
}
