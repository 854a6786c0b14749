import { type Campaign, type CampaignServiceClient, ServiceError } from '@proactive-sms/service-client';

/** A campaign named by a person: its id, its exact name, or the one name that starts with what they typed. */
export async function findCampaign(
  service: CampaignServiceClient,
  reference: string,
): Promise<{ campaign: Campaign } | { problem: string }> {
  const ref = reference.trim().replace(/^["“”']|["“”']$/g, '');
  if (!ref) return { problem: 'Say which campaign, by name or id: e.g. `/sms-campaign status December shipping`.' };
  if (/^#?\d+$/.test(ref)) {
    try {
      return { campaign: await service.getCampaign(Number(ref.replace('#', ''))) };
    } catch (error) {
      if (error instanceof ServiceError && error.status === 404) return { problem: `There is no campaign ${ref}.` };
      throw error;
    }
  }
  const campaigns = await service.listCampaigns();
  const wanted = ref.toLowerCase();
  const exact = campaigns.find((c) => c.name.toLowerCase() === wanted);
  if (exact) return { campaign: exact };
  const partial = campaigns.filter((c) => c.name.toLowerCase().includes(wanted));
  if (partial.length === 1) return { campaign: partial[0]! };
  if (partial.length > 1) {
    return {
      problem: `"${ref}" matches ${partial.length} campaigns (${partial
        .slice(0, 5)
        .map((c) => `"${c.name}" (${c.id})`)
        .join(', ')}). Use the full name or the id.`,
    };
  }
  return { problem: `There is no campaign named "${ref}". \`/sms-campaign list\` shows them all.` };
}
