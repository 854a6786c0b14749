import { Injectable } from '@nestjs/common';
import { type SimulatedClock, simulatedNowMs } from '@proactive-sms/domain';

/**
 * Time behind a class, so that tests and the demo can set it. Given SIMULATED_CLOCK_* settings
 * (sandboxes and the demo only) it reads the simulated clock every app of the stack shares.
 */
@Injectable()
export class Clock {
  constructor(private readonly simulated: SimulatedClock | null = null) {}

  /** Simulated milliseconds per real millisecond (1 in real time): scales leases and back-offs. */
  get rate(): number {
    return this.simulated?.rate ?? 1;
  }

  now(): Date {
    return this.simulated ? new Date(simulatedNowMs(this.simulated, Date.now())) : new Date();
  }
}
