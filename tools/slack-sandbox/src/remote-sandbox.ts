// The Slack sandbox seen from another process: its control API (`/__sandbox/*`) over HTTP, with the same
// questions as the in-process SlackSandbox (calls, views, messages, files). `npm run demo` and the
// end-to-end story use it against a sandbox started by the stack launcher.
import type { NewSandboxFile, RecordedCall, SandboxFileObject, SandboxMessage, SandboxView } from './sandbox-types';

export class RemoteSlackSandbox {
  constructor(readonly url: string) {}

  calls(method?: string): Promise<RecordedCall[]> {
    return this.get<RecordedCall[]>(`/__sandbox/calls${method ? `?method=${encodeURIComponent(method)}` : ''}`);
  }

  views(): Promise<SandboxView[]> {
    return this.get<SandboxView[]>('/__sandbox/views');
  }

  messages(channel: string): Promise<SandboxMessage[]> {
    return this.get<SandboxMessage[]>(`/__sandbox/messages?channel=${encodeURIComponent(channel)}`);
  }

  /** A file a user shares (its `file_share` message is added to the channel's history). */
  async addFile(file: NewSandboxFile): Promise<SandboxFileObject> {
    const content = typeof file.content === 'string' ? file.content : file.content.toString('base64');
    const encoding = typeof file.content === 'string' ? (file.encoding ?? 'utf8') : 'base64';
    const response = await fetch(`${this.url}/__sandbox/files`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...file, content, encoding }),
    });
    if (!response.ok) throw new Error(`Slack sandbox refused the file: ${await response.text()}`);
    return (await response.json()) as SandboxFileObject;
  }

  private async get<T>(route: string): Promise<T> {
    const response = await fetch(`${this.url}${route}`);
    if (!response.ok) throw new Error(`Slack sandbox ${route} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
