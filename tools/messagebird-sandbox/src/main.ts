import { DEFAULT_ACCESS_KEY, DEFAULT_SIGNING_KEY, startMessageBirdSandbox } from './index';

/**
 * `npm run sandbox:messagebird` — a local MessageBird for development and benchmarks.
 * PORT (3300), HOST (127.0.0.1), MESSAGEBIRD_ACCESS_KEY, MESSAGEBIRD_SIGNING_KEY, DISPATCHER_URL,
 * SANDBOX_LATENCY_MS (0), SANDBOX_RATE_CAP (none), SANDBOX_REPORT_DELAY_MS (50), SANDBOX_SENT_REPORTS (false).
 */
function numberFrom(name: string): number | undefined {
  const value = process.env[name]?.trim();
  if (!value) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name}=${value} is not a number ≥ 0`);
  return number;
}

async function main(): Promise<void> {
  const rateCap = numberFrom('SANDBOX_RATE_CAP');
  const sandbox = await startMessageBirdSandbox({
    port: numberFrom('PORT') ?? 3300,
    host: process.env['HOST']?.trim() || '127.0.0.1',
    accessKey: process.env['MESSAGEBIRD_ACCESS_KEY']?.trim() || DEFAULT_ACCESS_KEY,
    signingKey: process.env['MESSAGEBIRD_SIGNING_KEY']?.trim() || DEFAULT_SIGNING_KEY,
    dispatcherUrl: process.env['DISPATCHER_URL']?.trim() || null,
    latencyMs: numberFrom('SANDBOX_LATENCY_MS') ?? 0,
    rateCap: rateCap ? Math.floor(rateCap) : null,
    reportDelayMs: numberFrom('SANDBOX_REPORT_DELAY_MS') ?? 50,
    sentReports: process.env['SANDBOX_SENT_REPORTS'] === 'true',
  });
  console.log(`MessageBird sandbox on ${sandbox.url} (access key ${sandbox.accessKey})`);
  console.log(`  route the messagebird package to it with routeMessageBirdTo('${sandbox.url}')`);
  console.log(`  control: ${sandbox.url}/__sandbox/{messages,stats,reports,inbound,config,faults,reset}`);

  const shutdown = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
