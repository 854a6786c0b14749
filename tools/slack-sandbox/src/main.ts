// `npm run sandbox:slack`: the local Slack Web API as a process, for the demo and manual runs.
// PORT (default 3400) and SLACK_BOT_TOKEN (default xoxb-sandbox-token); point the bot's
// SLACK_API_URL at the printed apiUrl.
import { DEFAULT_BOT_TOKEN } from './sandbox-defaults';
import { startSlackSandbox } from './sandbox-server';

async function main(): Promise<void> {
  const sandbox = await startSlackSandbox({
    port: Number(process.env['PORT'] ?? 3400),
    botToken: process.env['SLACK_BOT_TOKEN'] ?? DEFAULT_BOT_TOKEN,
    ...(process.env['SLACK_TEAM_ID'] ? { teamId: process.env['SLACK_TEAM_ID'] } : {}),
  });
  console.log(`Slack sandbox listening on ${sandbox.url}`);
  console.log(`  SLACK_API_URL=${sandbox.apiUrl}  SLACK_BOT_TOKEN=${sandbox.botToken}  team ${sandbox.teamId}`);
  console.log(`  recorded calls: GET ${sandbox.url}/__sandbox/calls`);
  const shutdown = (): void => {
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
