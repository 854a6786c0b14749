import type { MessageBirdApiError } from '@proactive-sms/messagebird';

/**
 * MessageBird's error body, `{"errors":[{"code","description","parameter"}]}`, with the codes of its REST API:
 * 2 request not allowed, 9 missing params, 10 invalid params, 20 not found, 21 bad request, 25 not enough
 * balance, 98 API not found, 99 internal error. Descriptions are the ones MessageBird is seen to send.
 */
export type ErrorBody = { errors: MessageBirdApiError[] };

export const errorOf = (code: number, description: string, parameter: string | null = null): MessageBirdApiError => ({
  code,
  description,
  parameter,
});

export const INCORRECT_ACCESS_KEY = errorOf(2, 'Request not allowed (incorrect access_key)', 'access_key');
export const NO_CORRECT_RECIPIENTS = errorOf(9, 'no (correct) recipients found', 'recipients');
export const UNKNOWN_PHONE_FORMAT = errorOf(21, 'Bad request (phone number has unknown format)', 'recipients');
export const ORIGINATOR_REQUIRED = errorOf(9, 'originator is required', 'originator');
export const ORIGINATOR_INVALID = errorOf(10, 'originator is invalid', 'originator');
export const BODY_REQUIRED = errorOf(9, 'body is required', 'body');
export const NOT_ENOUGH_BALANCE = errorOf(25, 'Not enough balance');
export const MESSAGE_NOT_FOUND = errorOf(20, 'message not found');
export const API_NOT_FOUND = errorOf(98, 'API not found');
export const BAD_REQUEST_BODY = errorOf(21, 'Bad request (the body is not valid JSON or form data)');
/** MessageBird's 429 body is not documented; the code is the sandbox's own. Clients go by the status and Retry-After. */
export const TOO_MANY_REQUESTS = errorOf(429, 'Too many requests: slow down and retry after the Retry-After delay');

export const invalidParameter = (parameter: string): MessageBirdApiError =>
  errorOf(10, `${parameter} is invalid`, parameter);
