import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Largest id both databases store in an integer column. */
export const MAX_ID = 2_147_483_647;

/** A path id: a whole number from 1 to MAX_ID, or a 400 that says so (never a database error). */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, number> {
  transform(raw: unknown): number {
    // The global ValidationPipe may already have turned the path segment into a number (NaN for "abc").
    const value = String(raw);
    const id = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      throw new BadRequestException(`"${value.slice(0, 40)}" is not an id: use a whole number from 1 to ${MAX_ID}`);
    }
    return id;
  }
}
