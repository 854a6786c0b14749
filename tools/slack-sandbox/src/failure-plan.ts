// Failures a test asks for, per method, consumed call by call ("chat.postMessage fails with 500 three
// times, then works") so a bot's retry behaviour can be tested against the real WebClient.
import type { FailureSpec } from './sandbox-types';

export interface PlannedFailure {
  status: number;
  error: string;
  retryAfter?: number;
}

export class FailurePlan {
  private plans = new Map<string, FailureSpec & { remaining: number }>();

  set(method: string, spec: FailureSpec): void {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error(`setFailure(${method}): times must be a positive integer`);
    }
    this.plans.set(method, { ...spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(method?: string): void {
    if (method === undefined) this.plans.clear();
    else this.plans.delete(method);
  }

  /** The failure for this call of `method`, if one is planned; uses up one of its `times`. */
  take(method: string): PlannedFailure | undefined {
    const plan = this.plans.get(method);
    if (!plan) return undefined;
    plan.remaining -= 1;
    if (plan.remaining <= 0) this.plans.delete(method);
    if (plan.status === 429) {
      return { status: 429, error: plan.error ?? 'ratelimited', retryAfter: plan.retryAfter ?? 1 };
    }
    if (plan.status === 500) return { status: 500, error: plan.error ?? 'internal_error' };
    return { status: 200, error: plan.error ?? 'internal_error' };
  }
}
