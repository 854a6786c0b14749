import type { LegalWindow, SimulatedClock } from '@proactive-sms/domain';
import { type DatabaseTarget, readSharedSettings } from '@proactive-sms/persistence';
import os from 'node:os';

/** The dispatcher's settings, read once at boot; a bad or missing value stops the start, naming it. */
export class DispatcherConfig {
  constructor(
    readonly port: number,
    readonly database: DatabaseTarget,
    /** How MessageBird reaches our webhooks, e.g. https://sms.example.com (no trailing slash). */
    readonly publicUrl: string,
    readonly messageBirdAccessKey: string,
    readonly messageBirdSigningKey: string,
    /** When set, the messagebird package's requests go to this local sandbox instead. */
    readonly messageBirdSandboxUrl: string | null,
    readonly dispatchIntervalMs: number,
    readonly maxRequestsPerSecond: number,
    readonly legalWindow: LegalWindow,
    /** Requests to the provider in flight at once (per process). */
    readonly maxInFlight: number,
    readonly providerTimeoutMs: number,
    /** A claim older than this, from any process, is recovered (the process is taken to have died). */
    readonly claimLeaseMs: number,
    readonly dispatcherId: string,
    /** SIMULATED_CLOCK_*: the stack's shared simulated time, with the MessageBird sandbox only. */
    readonly simulatedClock: SimulatedClock | null = null,
  ) {}

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): DispatcherConfig {
    const problems: string[] = [];
    const number = (name: string, fallback: number, min: number, max: number): number => {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!Number.isFinite(value) || value < min || value > max) {
        problems.push(`${name} "${raw}" must be a number from ${min} to ${max}`);
        return fallback;
      }
      return value;
    };
    const required = (name: string): string => {
      const value = env[name]?.trim() ?? '';
      if (!value) problems.push(`${name} must be set`);
      return value;
    };

    const port = number('PORT', 3200, 0, 65535);
    const accessKey = required('MESSAGEBIRD_ACCESS_KEY');
    const signingKey = required('MESSAGEBIRD_SIGNING_KEY');
    const sandbox = env['MESSAGEBIRD_SANDBOX_URL']?.trim() || null;
    if (sandbox && !/^https?:\/\/[^/]+/.test(sandbox))
      problems.push(`MESSAGEBIRD_SANDBOX_URL "${sandbox}" must be an http(s) URL`);
    const publicUrl = (env['PUBLIC_URL']?.trim() || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(publicUrl)) problems.push(`PUBLIC_URL "${publicUrl}" must be an http(s) URL`);

    const { database, legalWindow, simulatedClock } = readSharedSettings(env, problems);
    if (simulatedClock && !sandbox) {
      problems.push('SIMULATED_CLOCK_START is for the sandboxes and the demo: it needs MESSAGEBIRD_SANDBOX_URL');
    }
    const config = new DispatcherConfig(
      port,
      database!,
      publicUrl,
      accessKey,
      signingKey,
      sandbox,
      number('DISPATCH_INTERVAL_MS', 5000, 50, 3_600_000),
      number('MESSAGEBIRD_MAX_RPS', 500, 1, 100_000),
      legalWindow,
      number('DISPATCH_MAX_IN_FLIGHT', 50, 1, 10_000),
      number('MESSAGEBIRD_TIMEOUT_MS', 5000, 100, 120_000),
      number('DISPATCH_CLAIM_LEASE_MS', 60_000, 1000, 3_600_000),
      env['DISPATCHER_ID']?.trim() || `${os.hostname()}:${process.pid}`,
      simulatedClock,
    );
    if (config.claimLeaseMs < 2 * config.providerTimeoutMs + 2 * config.dispatchIntervalMs) {
      problems.push(
        'DISPATCH_CLAIM_LEASE_MS must be at least twice MESSAGEBIRD_TIMEOUT_MS plus twice DISPATCH_INTERVAL_MS',
      );
    }
    if (problems.length > 0 || database === null)
      throw new Error(`The dispatcher cannot start:\n- ${problems.join('\n- ')}`);
    return config;
  }

  get deliveryReportUrl(): string {
    return `${this.publicUrl}/webhooks/messagebird/status`;
  }
}
