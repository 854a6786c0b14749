import { planStack } from './stack-plan';

const REAL = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543',
  MESSAGEBIRD_ACCESS_KEY: 'live_abc',
  MESSAGEBIRD_SIGNING_KEY: 'signing',
  ADMIN_SLACK_USER_IDS: 'U012AB3CD',
  PUBLIC_URL: 'https://sms.example.com',
};

describe('planStack', () => {
  it('runs the embedded default when no credential is set, on the documented ports', () => {
    expect(planStack({})).toEqual({
      sandbox: true,
      ports: { service: 3100, dispatcher: 3200, bot: 3000, messagebird: 3300, slack: 3400 },
      problems: [],
      warnings: [],
      realBecause: null,
    });
  });

  it('runs for real when every credential is set', () => {
    expect(planStack(REAL)).toMatchObject({ sandbox: false, problems: [], warnings: [] });
    const socketMode = { ...REAL, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-A-2-abc' };
    expect(planStack(socketMode)).toMatchObject({ sandbox: false, problems: [] });
  });

  it('stops a half-configured start, naming each missing variable', () => {
    const plan = planStack({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret' });
    expect(plan.sandbox).toBe(false);
    expect(plan.problems).toEqual([
      expect.stringMatching(/^MESSAGEBIRD_ACCESS_KEY is missing: a live access key/),
      expect.stringMatching(/^MESSAGEBIRD_SIGNING_KEY is missing/),
      expect.stringMatching(/^ADMIN_SLACK_USER_IDS is missing/),
      expect.stringMatching(/^PUBLIC_URL is missing/),
    ]);
    expect(plan.realBecause).toBe(
      'SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET are set, so npm start runs for real against Slack and MessageBird (unset them to run on the local sandboxes)',
    );
    const onlyMessageBird = planStack({ MESSAGEBIRD_ACCESS_KEY: 'live_abc' });
    expect(onlyMessageBird.problems[0]).toMatch(/^SLACK_BOT_TOKEN is missing: the bot token/);
    expect(onlyMessageBird.realBecause).toMatch(/^MESSAGEBIRD_ACCESS_KEY is set, .*\(unset it to run/);
  });

  it('refuses settings that contradict real credentials', () => {
    const plan = planStack({
      ...REAL,
      PUBLIC_URL: 'http://127.0.0.1:3200',
      MESSAGEBIRD_SANDBOX_URL: 'http://127.0.0.1:3300',
      SIMULATED_CLOCK_START: '2026-11-30T02:00:00Z',
    });
    expect(plan.problems).toEqual([
      expect.stringContaining('PUBLIC_URL "http://127.0.0.1:3200" is this machine'),
      expect.stringContaining('MESSAGEBIRD_SANDBOX_URL is for the local sandboxes'),
      expect.stringContaining('SIMULATED_CLOCK_START is for the local sandboxes'),
    ]);
  });

  it('warns that a MessageBird test key delivers nothing', () => {
    expect(planStack({ ...REAL, MESSAGEBIRD_ACCESS_KEY: 'test_abc' }).warnings).toEqual([
      expect.stringContaining('test key'),
    ]);
  });

  it('names a bad or shared port', () => {
    expect(planStack({ SLACK_BOT_PORT: 'eighty' }).problems).toEqual([
      'SLACK_BOT_PORT "eighty" must be a port number from 1 to 65535',
    ]);
    expect(planStack({ DISPATCHER_PORT: '3100' }).problems).toEqual([
      'DISPATCHER_PORT 3100 is already CAMPAIGN_SERVICE_PORT: each app needs its own port',
    ]);
  });
});
