// Slack-looking identifiers and message timestamps. Counters are never reset (not even by `reset()`),
// so an ID or ts from before a reset can never be mistaken for a new one.
import { randomBytes } from 'node:crypto';

export class IdSource {
  private counter = 0;
  private tsCounter = 0;

  /** e.g. F000000001: uppercase letters and digits like Slack's IDs. */
  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(9, '0')}`;
  }

  /** A message ts "<seconds>.<6 digits>", unique and increasing within the sandbox. */
  nextTs(): string {
    this.tsCounter = (this.tsCounter + 1) % 1_000_000;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** A view hash like Slack's "<seconds>.<random>", new on every change (views.update compares it). */
  nextHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString('hex')}`;
  }

  /** An unguessable key, because an upload URL is its own credential. */
  secret(): string {
    return randomBytes(12).toString('hex');
  }
}
