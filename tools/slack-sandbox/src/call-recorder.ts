// Every request the sandbox receives, in order, so tests can assert what the bot did (and in which
// order) instead of how long it took. `waitForCall` lets a test wait for work a bot does after it has
// acknowledged Slack, without sleeping.
import type { RecordedCall } from './sandbox-types';

type NewCall = Omit<RecordedCall, 'seq' | 'at'>;

interface Waiter {
  method: string;
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
}

export class CallRecorder {
  private recorded: RecordedCall[] = [];
  private waiters: Waiter[] = [];
  private seq = 0;

  record(call: NewCall): RecordedCall {
    this.seq += 1;
    const entry: RecordedCall = { seq: this.seq, at: new Date().toISOString(), ...call };
    this.recorded.push(entry);
    const ready = this.waiters.filter((w) => w.method === entry.method && w.predicate(entry));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(entry);
    return entry;
  }

  /** Copies, so a test cannot change the record by accident. */
  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((c) => method === undefined || c.method === method).map((c) => structuredClone(c));
  }

  waitFor(method: string, predicate: (call: RecordedCall) => boolean = () => true): Promise<RecordedCall> {
    const found = this.recorded.find((c) => c.method === method && predicate(c));
    if (found) return Promise.resolve(structuredClone(found));
    return new Promise((resolve) => this.waiters.push({ method, predicate, resolve }));
  }

  /** Pending waiters stay: a test may reset between arranging and acting. */
  clear(): void {
    this.recorded = [];
  }
}
