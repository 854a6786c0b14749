import { FaultPlan } from './fault-plan';

describe('FaultPlan', () => {
  it('serves the queue first, then recipient rules', () => {
    const plan = new FaultPlan();
    plan.add({ next: [{ type: '429' }], rules: [{ recipient: '+15550001111', type: 'balance', times: 1 }] });
    expect(plan.take(['15550001111'])?.type).toBe('429');
    expect(plan.take(['15552223333'])).toBeUndefined();
    expect(plan.take(['15550001111'])?.type).toBe('balance');
    expect(plan.take(['15550001111'])).toBeUndefined();
  });

  it('keeps a rule without `times` until cleared', () => {
    const plan = new FaultPlan();
    plan.add({ recipient: '15550001111', type: 'delivery_failed', statusErrorCode: 103, statusReason: 'stopped' });
    for (let i = 0; i < 5; i++) {
      expect(plan.take(['15550001111'])).toEqual({
        type: 'delivery_failed',
        statusErrorCode: 103,
        statusReason: 'stopped',
      });
    }
    expect(plan.describe().rules).toEqual([
      { type: 'delivery_failed', statusErrorCode: 103, statusReason: 'stopped', recipient: '+15550001111' },
    ]);
    plan.clear();
    expect(plan.take(['15550001111'])).toBeUndefined();
  });

  it('refuses what it cannot do, with a message that says how', () => {
    const plan = new FaultPlan();
    expect(() => plan.add({ next: [{ type: 'explode' }] })).toThrow(
      /unknown fault type "explode": use one of 429, 500/,
    );
    expect(() => plan.add({})).toThrow(/nothing to inject/);
    expect(() => plan.add(null)).toThrow(/JSON object/);
    expect(() => plan.add({ next: 'x' })).toThrow(/must be an array/);
    expect(() => plan.add({ recipient: 'me', type: '500' })).toThrow(/not a number/);
    expect(() => plan.add({ recipient: '15550001111', type: '500', times: 0 })).toThrow(/positive/);
    expect(() => plan.add({ next: [{ type: '429', retryAfterSeconds: 1.5 }] })).toThrow(/whole number/);
    expect(plan.describe()).toEqual({ next: [], rules: [] });
  });
});
