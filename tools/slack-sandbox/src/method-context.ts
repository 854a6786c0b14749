// What every Web API method handler receives and returns. Handlers are synchronous functions of the
// workspace: the server does the HTTP, auth, recording and failure injection around them.
import type { Args } from './request-body';
import { stringOf } from './request-body';
import type { SandboxWorkspace } from './sandbox-workspace';

export interface MethodContext {
  args: Args;
  workspace: SandboxWorkspace;
  /** Sandbox base URL, for URLs handed out (upload URLs, file links). */
  base: string;
}

export type MethodResult = { ok: boolean; error?: string } & Record<string, unknown>;

export type MethodHandler = (ctx: MethodContext) => MethodResult;

export function ok(fields: Record<string, unknown> = {}): MethodResult {
  return { ok: true, ...fields };
}

/** Slack's error shape; `messages` go to response_metadata like its `[ERROR] …` explanations. */
export function fail(error: string, messages?: string[]): MethodResult {
  return messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

export function arg(args: Args, key: string): string | undefined {
  const value = stringOf(args[key]);
  return value === '' ? undefined : value;
}

/** Form bodies carry booleans as "true"/"1"; JSON bodies as booleans. */
export function flag(args: Args, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}
