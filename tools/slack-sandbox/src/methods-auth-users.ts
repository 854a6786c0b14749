// auth.test (Bolt calls it at start to learn its bot user) and users.info / users.list, whose
// is_admin / is_owner flags decide who may run campaigns.
import { arg, fail, ok, type MethodHandler } from './method-context';
import { BOT_ID, BOT_NAME, BOT_USER_ID, TEAM_NAME } from './sandbox-defaults';
import type { SandboxUser } from './sandbox-types';

export const authTest: MethodHandler = ({ workspace, base }) =>
  ok({
    url: `${base}/`,
    team: TEAM_NAME,
    user: BOT_NAME,
    team_id: workspace.teamId,
    user_id: BOT_USER_ID,
    bot_id: BOT_ID,
    is_enterprise_install: false,
  });

export const usersInfo: MethodHandler = ({ args, workspace }) => {
  const id = arg(args, 'user');
  if (id === undefined) return fail('user_not_found');
  const user = workspace.users.get(id);
  return user ? ok({ user: userObject(user, workspace.teamId) }) : fail('user_not_found');
};

export const usersList: MethodHandler = ({ workspace }) =>
  ok({
    members: [...workspace.users.values()].map((u) => userObject(u, workspace.teamId)),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: '' },
  });

function userObject(user: SandboxUser, teamId: string): Record<string, unknown> {
  const tz = user.tz ?? 'America/Los_Angeles';
  const realName = user.realName ?? user.name;
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: realName,
    tz,
    tz_label: tz,
    tz_offset: zoneOffsetSeconds(tz),
    is_admin: user.isAdmin ?? false,
    is_owner: user.isOwner ?? false,
    is_primary_owner: user.isPrimaryOwner ?? false,
    is_restricted: user.isRestricted ?? false,
    is_ultra_restricted: user.isUltraRestricted ?? false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    updated: Math.floor(Date.now() / 1000),
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: user.name,
      display_name_normalized: user.name,
      team: teamId,
      ...(user.email === undefined ? {} : { email: user.email }),
    },
  };
}

/** Current UTC offset of a zone in seconds, as Slack's tz_offset (e.g. -18000 for New York in winter). */
function zoneOffsetSeconds(zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}
