import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@slack/bolt';

/** Slack's replay window: a request timestamp more than 5 minutes away from now, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Bolt 5's verifier refuses stale timestamps but lets any future one through, so a captured request
 * signed with a timestamp far ahead could be replayed for as long as that lasts. This runs before Bolt's
 * own verification on the Slack endpoint and refuses requests dated more than 5 minutes ahead (and,
 * belt and braces, behind). Bolt then checks the signature itself.
 */
export function requestFreshness(logger: Logger, now: () => number = Date.now) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers['x-slack-request-timestamp'];
    const raw = Array.isArray(header) ? header[0] : header;
    // Missing: Bolt refuses it with its own message.
    if (raw === undefined) return next();
    const timestamp = Number(raw);
    const skew = Number.isFinite(timestamp) ? timestamp - Math.floor(now() / 1000) : Number.POSITIVE_INFINITY;
    if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) {
      logger.warn(
        `refused a Slack request whose timestamp is ${Number.isFinite(skew) ? `${skew} s` : 'not a number'} away from now`,
      );
      res.status(401).send();
      return;
    }
    next();
  };
}
