import type { Logger } from '@slack/bolt';
import type { SlackGateway } from '../slack/slack-gateway';

/** How long a users.info answer is trusted: a demoted admin loses access within this. */
const CACHE_MS = 5 * 60_000;

/**
 * Who is an Administrator: the Slack users listed in ADMIN_SLACK_USER_IDS, plus the workspace's owners
 * and admins when ADMINS_INCLUDE_WORKSPACE_ADMINS=true (asked of users.info, cached briefly). When Slack
 * cannot say, the answer is no.
 */
export class AdminPolicy {
  private readonly cache = new Map<string, { admin: boolean; at: number }>();

  constructor(
    private readonly listed: ReadonlySet<string>,
    private readonly includeWorkspaceAdmins: boolean,
    private readonly slack: Pick<SlackGateway, 'userRoles'>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async isAdmin(userId: string): Promise<boolean> {
    if (this.listed.has(userId)) return true;
    if (!this.includeWorkspaceAdmins) return false;
    const cached = this.cache.get(userId);
    if (cached && this.now() - cached.at < CACHE_MS) return cached.admin;
    try {
      const roles = await this.slack.userRoles(userId);
      const admin = !roles.deleted && (roles.isAdmin || roles.isOwner);
      this.cache.set(userId, { admin, at: this.now() });
      return admin;
    } catch (error) {
      this.logger.warn(`users.info failed for ${userId}; treating them as not an administrator`, error);
      return false;
    }
  }
}

export const NOT_ADMIN_TEXT =
  ':lock: Only Proactive SMS administrators can create or change campaigns, numbers, answers and recipient lists. Ask an administrator, or ask to be added to ADMIN_SLACK_USER_IDS.';
