import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ACCESS_KEY, SIGNING_KEY } from './dispatch-fixtures';

const root = path.resolve(__dirname, '../../../..');

export type DispatcherProcess = { child: ChildProcess; port: number; output: string[]; exited: Promise<number | null> };

/** Starts the real dispatcher as its own process (`apps/dispatcher/src/main.ts`), as `npm start` does. */
export function spawnDispatcher(env: Record<string, string>, port: number): DispatcherProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'apps/dispatcher/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: 'tsconfig.base.json',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MESSAGEBIRD_ACCESS_KEY: ACCESS_KEY,
      MESSAGEBIRD_SIGNING_KEY: SIGNING_KEY,
      LEGAL_WINDOW: '00:00-24:00',
      DISPATCH_INTERVAL_MS: '100',
      MESSAGEBIRD_TIMEOUT_MS: '1000',
      DISPATCH_CLAIM_LEASE_MS: '3000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output, exited };
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  attempts = 600,
  everyMs = 100,
): Promise<T> {
  for (let i = 0; i < attempts; i += 1) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
