// `npm run demo`: the whole story in about a minute and a half. The story needs mornings in Berlin, New
// York and Los Angeles, which real time gives only hours apart (and the legal 08:00–21:00 floor forbids
// texting Berlin at night), so the demo starts its own copy of the stack — the same processes `npm start`
// runs, with the sandboxes — on free ports, a fresh SQLite file in data/demo/, and one simulated clock
// shared by every app, 720× faster than real time. A stack you started with `npm start` is left alone.
// Exits 0 only when every step was observed.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadDotEnv, ROOT } from '@proactive-sms/stack';
import { DateTime } from 'luxon';
import { type DemoStack, startDemoStack, storyEndpoints } from './demo-stack';
import { NotObserved, runStory } from './story';
import { ConsoleTimeline } from './timeline';

const RATE = 720;

async function main(): Promise<number> {
  const keep = process.argv.includes('--keep');
  const env = { ...process.env };
  loadDotEnv(path.join(ROOT, '.env'), env);
  const dataDir = path.join(ROOT, 'data', 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  const timeline = new ConsoleTimeline(process.stdout, 'UTC');
  const interrupted = new Promise<number>((resolve) => {
    process.once('SIGINT', () => resolve(130));
    process.once('SIGTERM', () => resolve(143));
  });
  const logs: string[] = [];
  let demo: DemoStack | null = null;
  try {
    timeline.step('0. Starting the stack: MessageBird and Slack sandboxes, campaign service, dispatcher, Slack bot');
    demo = await startDemoStack({
      databaseUrl: `sqlite:${path.join(dataDir, 'proactive-sms.sqlite')}`,
      dataDir,
      rate: RATE,
      env,
      log: (app, line) => logs.push(`[${app}] ${line}`),
    });
    const { stack, clock } = demo;
    const start = DateTime.fromMillis(clock.startMs, { zone: 'Europe/Berlin' });
    timeline.observed(`stack up: bot ${stack.urls.slackEvents}, service ${stack.urls.service}, data in data/demo/`);
    console.log(`
The apps share a clock ${RATE}× faster than real time that started ${start.toFormat('cccc d LLL yyyy, HH:mm')} in Berlin
(${start.toUTC().toFormat('HH:mm')} UTC); the times below are that clock's, in UTC. A stack started with npm start is left alone.`);
    const failed = stack.failed.then(({ app, code }) => {
      throw new NotObserved(`${app} stopped (${code}) in the middle of the story`);
    });
    const story = runStory({ ...storyEndpoints(stack), clock, timeline }).then(() => 0);
    const outcome = await Promise.race([story, failed, interrupted]);
    if (outcome !== 0) return outcome;
    console.log(`
Every step was observed. What each party saw${keep ? ' is on record while the stack runs' : ' was on record at'}:
  SMS    ${stack.urls.messagebirdSandbox}/__sandbox/messages
  Slack  ${stack.urls.slackSandbox}/__sandbox/calls${keep ? '' : '\n(run `npm run demo -- --keep` to keep the stack up and look around)'}`);
    if (keep) {
      console.log(`Keeping the demo stack up (its clock runs on at ${RATE}×); Ctrl-C stops it.`);
      return await interrupted;
    }
    return 0;
  } catch (error) {
    const reason = error instanceof NotObserved ? error.message : ((error as Error).stack ?? String(error));
    console.error(`\n✗ The demo failed: ${reason}`);
    console.error(`Last lines of the apps' logs:\n${logs.slice(-40).join('\n')}`);
    return 1;
  } finally {
    await demo?.stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
