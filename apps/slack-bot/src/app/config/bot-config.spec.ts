import { BotConfig } from './bot-config';

const minimal = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'secret',
  SERVICE_TOKEN: 'service-token-0123456789',
  ADMIN_SLACK_USER_IDS: 'U012AB3CD, U045EF6GH',
};

describe('BotConfig', () => {
  it('applies the documented defaults', () => {
    const config = BotConfig.fromEnvironment(minimal);
    expect(config).toMatchObject({
      mode: { kind: 'http', signingSecret: 'secret' },
      port: 3000,
      slackApiUrl: 'https://slack.com/api/',
      serviceUrl: 'http://127.0.0.1:3100',
      adminsIncludeWorkspaceAdmins: false,
      outboxPollMs: 2000,
      digestTime: '09:00',
      orgTimeZone: 'UTC',
    });
    expect([...config.adminUserIds]).toEqual(['U012AB3CD', 'U045EF6GH']);
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, without needing the signing secret', () => {
    const config = BotConfig.fromEnvironment({ ...minimal, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(config.mode).toEqual({ kind: 'socket', appToken: 'xapp-1-abc' });
  });

  it('points the Web API elsewhere with SLACK_API_URL, always ending in a slash', () => {
    expect(BotConfig.fromEnvironment({ ...minimal, SLACK_API_URL: 'http://127.0.0.1:3400/api' }).slackApiUrl).toBe(
      'http://127.0.0.1:3400/api/',
    );
  });

  it('refuses to start, naming every missing or bad variable at once', () => {
    const start = () =>
      BotConfig.fromEnvironment({
        SLACK_BOT_TOKEN: 'xoxp-user-token',
        PORT: 'eighty',
        SERVICE_TOKEN: 'short',
        ADMIN_SLACK_USER_IDS: 'alice',
        OUTBOX_POLL_MS: '0',
        DIGEST_TIME: '9am',
        ORG_TIMEZONE: 'Mars/Base',
        ADMINS_INCLUDE_WORKSPACE_ADMINS: 'maybe',
      });
    expect(start).toThrow(/SLACK_BOT_TOKEN/);
    const message = (() => {
      try {
        start();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const variable of [
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'PORT',
      'SERVICE_TOKEN',
      'ADMIN_SLACK_USER_IDS',
      'OUTBOX_POLL_MS',
      'DIGEST_TIME',
      'ORG_TIMEZONE',
      'ADMINS_INCLUDE_WORKSPACE_ADMINS',
    ]) {
      expect(message).toContain(variable);
    }
  });

  it('needs somebody to be an administrator', () => {
    expect(() => BotConfig.fromEnvironment({ ...minimal, ADMIN_SLACK_USER_IDS: '' })).toThrow(
      /ADMIN_SLACK_USER_IDS is empty and ADMINS_INCLUDE_WORKSPACE_ADMINS is not true/,
    );
    expect(
      BotConfig.fromEnvironment({ ...minimal, ADMIN_SLACK_USER_IDS: '', ADMINS_INCLUDE_WORKSPACE_ADMINS: 'true' })
        .adminsIncludeWorkspaceAdmins,
    ).toBe(true);
  });
});
