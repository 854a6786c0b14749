// The workspace a sandbox starts with when the caller does not describe one: an admin, an owner and a
// plain member (so "only admins may run campaigns" can be tested), and channels covering the cases the
// bot meets (member or not, public or private).
import type { SandboxChannel, SandboxUser } from './sandbox-types';

export const DEFAULT_BOT_TOKEN = 'xoxb-sandbox-token';
export const DEFAULT_TEAM_ID = 'T0SANDBOX';
export const BOT_USER_ID = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const APP_ID = 'A0SANDBOX';
export const TEAM_NAME = 'Sandbox';
export const BOT_NAME = 'proactive-sms';

/** Scopes announced in `x-oauth-scopes`, as Slack does on every response. */
export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'files:read',
  'files:write',
  'users:read',
  'channels:read',
  'channels:join',
  'groups:read',
  'channels:history',
  'groups:history',
];

export const DEFAULT_USERS: SandboxUser[] = [
  { id: 'U0ADMIN', name: 'ada', realName: 'Ada Admin', isAdmin: true, tz: 'America/New_York' },
  { id: 'U0OWNER', name: 'otto', realName: 'Otto Owner', isAdmin: true, isOwner: true, tz: 'Europe/Paris' },
  { id: 'U0MEMBER', name: 'mia', realName: 'Mia Member', tz: 'America/Los_Angeles' },
];

export const DEFAULT_CHANNELS: SandboxChannel[] = [
  { id: 'C0GENERAL', name: 'general' },
  { id: 'C0INBOX', name: 'sms-inbox' },
  { id: 'C0RANDOM', name: 'random', botIsMember: false },
  { id: 'G0SECRET', name: 'secret-ops', isPrivate: true, botIsMember: false },
];
