/**
 * Where a recipient, a list and a campaign stand. The dispatcher, the service and the digest all read
 * these, so the rules about which states are final and which moves are allowed live here once.
 */

export const RECIPIENT_STATES = [
  'pending', // waiting for its due time
  'sending', // claimed; the request to the provider is (about to be) in flight
  'sent', // the provider accepted it
  'delivered', // the handset got it (delivery report)
  'failed', // permanent failure, with the reason
  'unknown', // the request may or may not have gone out (crash or timeout): never resent automatically
  'not_reached', // the list's end came before the recipient's next send window
  'opted_out', // the number opted out on this sender before it was texted
  'stopped', // the list or campaign was stopped before the recipient was texted
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** States after which nothing more will be sent to the recipient (delivery reports may still move sent on). */
const FINAL: ReadonlySet<RecipientState> = new Set([
  'sent',
  'delivered',
  'failed',
  'unknown',
  'not_reached',
  'opted_out',
  'stopped',
]);

export function isFinalRecipientState(state: RecipientState): boolean {
  return FINAL.has(state);
}

/** A recipient that was (or may have been) texted: a later list in the same campaign must not text them again. */
export function wasTextedOrWillBe(state: RecipientState): boolean {
  return state === 'pending' || state === 'sending' || state === 'sent' || state === 'delivered' || state === 'unknown';
}

/**
 * Delivery reports arrive late, twice and out of order. A status only moves forward: a late "sent" never
 * downgrades "delivered", and a repeated report changes nothing.
 */
const DELIVERY_RANK: Record<'sending' | 'unknown' | 'sent' | 'failed' | 'delivered', number> = {
  sending: 0,
  unknown: 1,
  sent: 2,
  failed: 3,
  delivered: 3,
};

export function advancesDeliveryState(from: RecipientState, to: 'sent' | 'delivered' | 'failed'): boolean {
  if (!(from in DELIVERY_RANK)) return false;
  const rank = DELIVERY_RANK[from as keyof typeof DELIVERY_RANK];
  return DELIVERY_RANK[to] > rank;
}

export const LIST_STATES = ['scheduled', 'in_progress', 'completed', 'paused', 'stopped'] as const;
export type ListState = (typeof LIST_STATES)[number];

export const CAMPAIGN_STATES = ['active', 'paused', 'stopped', 'completed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
