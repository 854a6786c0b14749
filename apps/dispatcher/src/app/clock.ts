import { Injectable } from '@nestjs/common';
import { realDelayMs, type SimulatedClock, simulatedNowMs } from '@proactive-sms/domain';

/**
 * Time behind a class: the rules get `now` passed in, and tests can run the dispatcher in simulated time.
 * Given SIMULATED_CLOCK_* settings (sandboxes and the demo only), it reads the shared simulated clock and
 * its waits pass `rate` times faster.
 */
@Injectable()
export class Clock {
  constructor(private readonly simulated: SimulatedClock | null = null) {}

  /** Simulated milliseconds per real millisecond (1 in real time). */
  get rate(): number {
    return this.simulated?.rate ?? 1;
  }

  now(): Date {
    return this.simulated ? new Date(simulatedNowMs(this.simulated, Date.now())) : new Date();
  }

  /** Waits `ms` of this clock's time. */
  sleep(ms: number): Promise<void> {
    const real = this.simulated ? realDelayMs(this.simulated, ms) : ms;
    return real <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, real));
  }
}
