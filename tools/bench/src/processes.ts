import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

/** What the MessageBird sandbox accepts and signs with; the dispatcher is started with the same. */
export const ACCESS_KEY = 'bench_sandbox_access_key';
export const SIGNING_KEY = 'bench_sandbox_signing_key';

export type AppProcess = {
  child: ChildProcess;
  pid: number;
  url: string;
  output: string[];
  /** SIGTERM (graceful: the dispatcher gives unsent claims back), then SIGKILL if it hangs. */
  stop(): Promise<void>;
};

/**
 * Starts one of the apps as its own process, exactly as `npm run start:<app>` does (TypeScript through
 * @swc-node/register), and resolves once its `/health` answers.
 */
export async function startApp(
  app: 'dispatcher' | 'campaign-service',
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<AppProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = await freePort();
  const args = [...(options.nodeArgs ?? []), '-r', '@swc-node/register', path.join(ROOT, `apps/${app}/src/main.ts`)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The apps run at normal priority whatever the bench's own (see `asJudge`).
  if (child.pid !== undefined) os.setPriority(child.pid, 0);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}:\n${output.join('')}`);
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`${app} did not answer /health within ${timeoutMs} ms:\n${output.join('')}`);
    }
    const healthy = await fetch(`${url}/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return { child, pid: child.pid!, url, output, stop };
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident memory of a process from /proc (Linux): now, and its peak so far (VmHWM), in MiB. */
export async function residentMemory(pid: number): Promise<{ rssMb: number; peakMb: number } | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (status === null) return null;
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Prometheus text → the value of each series, e.g. `proactive_sms_claim_duration_seconds_sum`. */
export async function scrapeMetrics(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}
