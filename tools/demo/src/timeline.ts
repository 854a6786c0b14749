// What the demo prints: one line per thing a party saw, stamped with the simulated time (and, for texts,
// the recipient's own local time), and a progress bar while the clock runs toward the next window.
import { DateTime } from 'luxon';

export type Party = 'slack' | 'sms-out' | 'sms-in' | 'report' | 'stack';

export interface TimelineEntry {
  party: Party;
  /** Simulated instant. */
  at: Date;
  text: string;
  /** Further lines (a message's text, an error log's rows). */
  detail?: string[];
}

export interface Timeline {
  step(title: string): void;
  record(entry: TimelineEntry): void;
  /** While waiting: how far the clock is from `until`. */
  progress(label: string, now: Date, from: Date, until: Date): void;
  observed(what: string): void;
}

/** Keeps everything for assertions (the end-to-end test) and prints nothing. */
export class RecordingTimeline implements Timeline {
  readonly steps: string[] = [];
  readonly entries: TimelineEntry[] = [];
  readonly observations: string[] = [];

  step(title: string): void {
    this.steps.push(title);
  }
  record(entry: TimelineEntry): void {
    this.entries.push(entry);
  }
  progress(): void {
    // nothing to show
  }
  observed(what: string): void {
    this.observations.push(what);
  }
}

const LABEL: Record<Party, string> = {
  slack: 'Slack ',
  'sms-out': 'SMS → ',
  'sms-in': 'SMS ← ',
  report: 'report',
  stack: 'stack ',
};

/** Prints the timeline as it happens; the progress bar redraws in place on a terminal. */
export class ConsoleTimeline implements Timeline {
  private barShown = false;
  private lastPlainProgress = 0;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly zone = 'UTC',
  ) {}

  step(title: string): void {
    this.clearBar();
    this.out.write(`\n${bold(title)}\n`);
  }

  record(entry: TimelineEntry): void {
    this.clearBar();
    const at = DateTime.fromJSDate(entry.at, { zone: this.zone }).toFormat('ccc HH:mm');
    this.out.write(`  ${dim(at)}  ${LABEL[entry.party]}  ${entry.text}\n`);
    for (const line of entry.detail ?? []) this.out.write(`  ${' '.repeat(9)}  ${' '.repeat(6)}    ${dim(line)}\n`);
  }

  observed(what: string): void {
    this.clearBar();
    this.out.write(`  ${green('✓')} ${what}\n`);
  }

  progress(label: string, now: Date, from: Date, until: Date): void {
    const span = Math.max(1, until.getTime() - from.getTime());
    const share = Math.min(1, Math.max(0, (now.getTime() - from.getTime()) / span));
    const width = 30;
    const filled = Math.round(share * width);
    const clock = DateTime.fromJSDate(now, { zone: this.zone }).toFormat('ccc HH:mm');
    const line = `  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${clock} ${this.zone} · ${label}`;
    if (this.out.isTTY) {
      this.out.write(`\r${line.slice(0, (this.out.columns ?? 120) - 1)}\x1b[K`);
      this.barShown = true;
    } else if (Date.now() - this.lastPlainProgress > 5000) {
      this.lastPlainProgress = Date.now();
      this.out.write(`${line}\n`);
    }
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.out.write('\r\x1b[K');
    this.barShown = false;
  }
}

const tty = process.stdout.isTTY === true;
const bold = (text: string) => (tty ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (tty ? `\x1b[2m${text}\x1b[0m` : text);
const green = (text: string) => (tty ? `\x1b[32m${text}\x1b[0m` : text);
