import { realDelayMs, type SimulatedClock, simulatedNowMs } from '@proactive-sms/domain';

/**
 * The bot's time: real, or the simulated clock the whole stack shares (SIMULATED_CLOCK_*, sandboxes and
 * the demo only), so that the digest is posted at DIGEST_TIME on that clock.
 */
export class Clock {
  constructor(private readonly simulated: SimulatedClock | null = null) {}

  now(): Date {
    return this.simulated ? new Date(simulatedNowMs(this.simulated, Date.now())) : new Date();
  }

  /** Real milliseconds until this clock has advanced by `ms`. */
  realDelay(ms: number): number {
    return this.simulated ? realDelayMs(this.simulated, ms) : ms;
  }
}
