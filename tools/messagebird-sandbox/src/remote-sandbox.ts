// The MessageBird sandbox seen from another process: its control API (`/__sandbox/*`) over HTTP.
// `npm run demo` and the end-to-end story use it against a sandbox started by the stack launcher.
import type { InboundDelivery, ReportDelivery, SandboxMessage, SandboxStats } from './sandbox-state';

export class RemoteMessageBirdSandbox {
  constructor(readonly url: string) {}

  /** Every accepted message, one row per recipient, in the order they arrived. */
  messages(): Promise<SandboxMessage[]> {
    return this.get<SandboxMessage[]>('messages');
  }

  reports(): Promise<ReportDelivery[]> {
    return this.get<ReportDelivery[]>('reports');
  }

  stats(): Promise<SandboxStats> {
    return this.get<SandboxStats>('stats');
  }

  /** A text from a phone to one of our numbers: the sandbox signs it and posts it to the dispatcher. */
  async sendInbound(input: { originator: string; recipient: string; body: string }): Promise<InboundDelivery> {
    const response = await fetch(`${this.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const delivery = (await response.json()) as InboundDelivery & { error?: string };
    if (!response.ok) throw new Error(`MessageBird sandbox could not deliver the inbound text: ${delivery.error}`);
    return delivery;
  }

  private async get<T>(route: string): Promise<T> {
    const response = await fetch(`${this.url}/__sandbox/${route}`);
    if (!response.ok) throw new Error(`MessageBird sandbox /__sandbox/${route} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
