import { type LegalWindow, resolveTimeZone, type SimulatedClock } from '@proactive-sms/domain';
import { type DatabaseTarget, readSharedSettings } from '@proactive-sms/persistence';

/** The service's settings, read once at boot from the environment; a bad value stops the start. */
export class ServiceConfig {
  constructor(
    readonly port: number,
    readonly database: DatabaseTarget,
    readonly serviceToken: string,
    readonly orgTimeZone: string,
    readonly legalWindow: LegalWindow,
    /** SIMULATED_CLOCK_*: the stack's shared simulated time (sandboxes and the demo); null is real time. */
    readonly simulatedClock: SimulatedClock | null = null,
  ) {}

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
    const problems: string[] = [];
    const port = Number(env['PORT'] ?? 3100);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      problems.push(`PORT "${env['PORT']}" is not a port number`);

    const serviceToken = env['SERVICE_TOKEN']?.trim() ?? '';
    if (serviceToken.length < 16) {
      problems.push(
        'SERVICE_TOKEN must be set to a secret of at least 16 characters (the bot and the service share it)',
      );
    }

    let orgTimeZone = 'UTC';
    if (env['ORG_TIMEZONE']) {
      const zone = resolveTimeZone(env['ORG_TIMEZONE']);
      if (zone.ok) orgTimeZone = zone.zone;
      else problems.push(`ORG_TIMEZONE: ${zone.message}`);
    }

    const { database, legalWindow, simulatedClock } = readSharedSettings(env, problems);

    if (problems.length > 0 || database === null) {
      throw new Error(`The campaign service cannot start:\n- ${problems.join('\n- ')}`);
    }
    return new ServiceConfig(port, database, serviceToken, orgTimeZone, legalWindow, simulatedClock);
  }
}
