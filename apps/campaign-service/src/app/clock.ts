import { Injectable } from '@nestjs/common';

/** The time, behind a class so that every rule gets `now` passed in and tests can hold it still. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
