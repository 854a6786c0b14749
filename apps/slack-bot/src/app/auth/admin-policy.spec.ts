import { BotLogger } from '../support/logger';
import { AdminPolicy } from './admin-policy';

/** Our own port (SlackGateway.userRoles), answered from a table: the WebClient itself is not involved here. */
function roles(table: Record<string, { isAdmin: boolean; isOwner: boolean; deleted?: boolean }>) {
  const asked: string[] = [];
  return {
    asked,
    userRoles: async (userId: string) => {
      asked.push(userId);
      const user = table[userId];
      if (!user) throw new Error('user_not_found');
      return { deleted: false, ...user };
    },
  };
}

describe('AdminPolicy', () => {
  const table = {
    U0ADMIN: { isAdmin: true, isOwner: false },
    U0OWNER: { isAdmin: false, isOwner: true },
    U0MEMBER: { isAdmin: false, isOwner: false },
    U0GONE: { isAdmin: true, isOwner: false, deleted: true },
  };

  it('lets in exactly the listed users when workspace admins are not included', async () => {
    const slack = roles(table);
    const policy = new AdminPolicy(new Set(['U0LISTED']), false, slack, BotLogger.silent());
    expect(await policy.isAdmin('U0LISTED')).toBe(true);
    expect(await policy.isAdmin('U0ADMIN')).toBe(false);
    expect(slack.asked).toEqual([]);
  });

  it('adds workspace owners and admins (users.info) when asked to, and caches the answer', async () => {
    const slack = roles(table);
    const policy = new AdminPolicy(new Set(), true, slack, BotLogger.silent());
    expect(await policy.isAdmin('U0ADMIN')).toBe(true);
    expect(await policy.isAdmin('U0OWNER')).toBe(true);
    expect(await policy.isAdmin('U0MEMBER')).toBe(false);
    expect(await policy.isAdmin('U0GONE')).toBe(false);
    await policy.isAdmin('U0ADMIN');
    expect(slack.asked.filter((id) => id === 'U0ADMIN')).toHaveLength(1);
  });

  it('says no when Slack cannot tell', async () => {
    const policy = new AdminPolicy(new Set(), true, roles(table), BotLogger.silent());
    expect(await policy.isAdmin('U0NOBODY')).toBe(false);
  });
});
