import { createServer } from 'node:net';
import type { Ports } from './stack-plan';

/** Five ports nobody listens on now (the OS picks them), for a stack beside another one. */
export async function freePorts(): Promise<Ports> {
  const servers = await Promise.all(
    Array.from({ length: 5 }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const [service, dispatcher, bot, messagebird, slack] = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }) as [number, number, number, number, number];
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return { service, dispatcher, bot, messagebird, slack };
}
