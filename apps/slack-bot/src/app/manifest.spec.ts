// The manifest is what makes the app installable in one step: it must ask for what the code uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SLASH_COMMAND } from './listeners/command.listeners';
import { SLACK_EVENTS_PATH } from './slack-bot';

const manifest = readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8');

describe('manifest.yml', () => {
  it('declares the slash command and points every URL at the bot’s endpoint', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}`);
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url.endsWith(SLACK_EVENTS_PATH)).toBe(true);
  });

  it('asks for the scopes and events the listeners need', () => {
    for (const scope of [
      'commands',
      'chat:write',
      'files:read',
      'files:write',
      'users:read',
      'channels:read',
      'groups:read',
      'channels:history',
      'groups:history',
      'app_mentions:read',
    ]) {
      expect(manifest).toMatch(new RegExp(`^\\s+- ${scope}(\\s|$)`, 'm'));
    }
    for (const event of ['message.channels', 'message.groups', 'file_shared', 'app_home_opened', 'app_mention']) {
      expect(manifest).toMatch(new RegExp(`^\\s+- ${event}$`, 'm'));
    }
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
  });
});
