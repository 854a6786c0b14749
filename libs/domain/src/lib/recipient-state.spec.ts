import { advancesDeliveryState, isFinalRecipientState, RECIPIENT_STATES, wasTextedOrWillBe } from './recipient-state';

describe('recipient states', () => {
  it('treats only pending and sending as still open', () => {
    const open = RECIPIENT_STATES.filter((state) => !isFinalRecipientState(state));
    expect(open).toEqual(['pending', 'sending']);
  });

  it('counts a recipient as texted (or about to be) unless it ended without a message', () => {
    const texted = RECIPIENT_STATES.filter(wasTextedOrWillBe);
    expect(texted).toEqual(['pending', 'sending', 'sent', 'delivered', 'unknown']);
  });

  it('moves delivery statuses forward only: a late "sent" never downgrades "delivered"', () => {
    expect(advancesDeliveryState('sending', 'sent')).toBe(true);
    expect(advancesDeliveryState('sent', 'delivered')).toBe(true);
    expect(advancesDeliveryState('unknown', 'delivered')).toBe(true);
    expect(advancesDeliveryState('sent', 'failed')).toBe(true);
    expect(advancesDeliveryState('delivered', 'sent')).toBe(false);
    expect(advancesDeliveryState('delivered', 'delivered')).toBe(false);
    expect(advancesDeliveryState('delivered', 'failed')).toBe(false);
    expect(advancesDeliveryState('failed', 'delivered')).toBe(false);
  });

  it('never lets a report revive a recipient that was not texted', () => {
    for (const state of ['pending', 'not_reached', 'opted_out', 'stopped'] as const) {
      expect(advancesDeliveryState(state, 'delivered')).toBe(false);
    }
  });
});
