import { HttpException, HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** 400 with one message per field, keyed the way a Slack modal shows them (`name`, `schedule.monday.close`). */
export class FieldErrorsException extends HttpException {
  constructor(
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super({ statusCode: HttpStatus.BAD_REQUEST, message, fields }, HttpStatus.BAD_REQUEST);
  }

  static fromValidationErrors(errors: ValidationError[]): FieldErrorsException {
    const fields: Record<string, string> = {};
    const visit = (error: ValidationError, prefix: string) => {
      const key = prefix ? `${prefix}.${error.property}` : error.property;
      const first = error.constraints ? Object.values(error.constraints)[0] : undefined;
      if (first) fields[key] = first;
      for (const child of error.children ?? []) visit(child, key);
    };
    errors.forEach((error) => visit(error, ''));
    return new FieldErrorsException(describe(fields), fields);
  }
}

export function describe(fields: Record<string, string>): string {
  const count = Object.keys(fields).length;
  return count === 1 ? `1 field needs attention: ${Object.values(fields)[0]}` : `${count} fields need attention`;
}
