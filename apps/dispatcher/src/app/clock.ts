import { Injectable } from '@nestjs/common';

/** Time behind a class: the rules get `now` passed in, and tests can run the dispatcher in simulated time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  sleep(ms: number): Promise<void> {
    return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
  }
}
