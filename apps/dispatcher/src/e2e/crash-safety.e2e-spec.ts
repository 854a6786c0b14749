import { openDatabase } from '@proactive-sms/persistence';
import { DATABASE_KINDS } from '@proactive-sms/persistence/testing';
import { WHOLE_DAY, phones, recipientStates, seedCampaign } from './dispatch-fixtures';
import { freePort, spawnDispatcher, waitFor, type DispatcherProcess } from './dispatcher-process';
import { startTestSandbox, withDatabase } from './dispatcher-harness';

const RECIPIENTS = 2000;
const FINAL_OR_WAITING = new Set(['sent', 'delivered', 'failed', 'unknown', 'not_reached', 'pending']);

jest.setTimeout(240_000);

describe.each(DATABASE_KINDS)('never twice, never lost (%s)', (kind) => {
  it('survives repeated kill -9 during a campaign of thousands: no reference is ever received twice', async () => {
    const sandbox = await startTestSandbox({ latencyMs: 5, reportDelayMs: 60_000 });
    await withDatabase(kind, async (database) => {
      const orm = await openDatabase(database.target);
      try {
        const seeded = await seedCampaign(orm, {
          start: '2026-01-01T00:00',
          legalWindow: WHOLE_DAY,
          now: new Date(),
          recipients: phones(RECIPIENTS).map((phone) => ({ phone, timezone: 'UTC' })),
          messagesPerSecond: 10_000,
        });
        const env = { DATABASE_URL: database.url, MESSAGEBIRD_SANDBOX_URL: sandbox.url, MESSAGEBIRD_MAX_RPS: '300' };
        const sentCount = () => sandbox.messages().length;

        // Kill the dispatcher five times, each time once it has sent a few more messages.
        for (let kill = 0; kill < 5; kill += 1) {
          const dispatcher: DispatcherProcess = spawnDispatcher(env, await freePort());
          const before = sentCount();
          await waitFor(
            async () => sentCount() >= before + 40 || (await recipientStates(orm, seeded.listId)).pending === undefined,
            'sends before the kill',
          );
          dispatcher.child.kill('SIGKILL');
          await dispatcher.exited;
        }
        // Then let one run to the end: every claim of the dead processes is recovered after its lease.
        const last = spawnDispatcher(env, await freePort());
        try {
          await waitFor(async () => {
            const states = await recipientStates(orm, seeded.listId);
            return !states['pending'] && !states['sending'];
          }, 'the campaign to finish');
        } finally {
          last.child.kill('SIGTERM');
          await last.exited;
        }

        const references = sandbox.messages().map((message) => message.reference);
        expect(new Set(references).size).toBe(references.length);
        const states = await recipientStates(orm, seeded.listId);
        if (process.env['DISPATCHER_TEST_LOGS']) console.log(kind, states, 'messages', references.length);
        for (const state of Object.keys(states)) expect(FINAL_OR_WAITING.has(state)).toBe(true);
        // Every message that reached MessageBird belongs to a recipient shown as sent or unknown — never pending or failed.
        const texted = await orm.em
          .fork()
          .getConnection()
          .execute<{ id: number | string; state: string }[]>(`select id, state from recipients where list_id = ?`, [
            seeded.listId,
          ]);
        const stateById = new Map(
          texted.map((row: { id: number | string; state: string }) => [String(row.id), row.state]),
        );
        for (const reference of references)
          expect(['sent', 'delivered', 'unknown']).toContain(stateById.get(reference));
        expect((states['sent'] ?? 0) + (states['delivered'] ?? 0) + (states['unknown'] ?? 0)).toBe(RECIPIENTS);
        expect(references.length).toBeLessThanOrEqual(RECIPIENTS);
        expect(references.length).toBeGreaterThanOrEqual((states['sent'] ?? 0) + (states['delivered'] ?? 0));
      } finally {
        await orm.close(true);
      }
    });
    await sandbox.stop();
  });

  if (kind === 'postgresql') {
    it('two dispatcher processes on one PostgreSQL database never send a recipient twice', async () => {
      const sandbox = await startTestSandbox({ latencyMs: 10, reportDelayMs: 60_000 });
      await withDatabase('postgresql', async (database) => {
        const orm = await openDatabase(database.target);
        try {
          const seeded = await seedCampaign(orm, {
            start: '2026-01-01T00:00',
            legalWindow: WHOLE_DAY,
            now: new Date(),
            recipients: phones(RECIPIENTS, '+1555030').map((phone) => ({ phone, timezone: 'UTC' })),
            messagesPerSecond: 10_000,
          });
          const env = {
            DATABASE_URL: database.url,
            MESSAGEBIRD_SANDBOX_URL: sandbox.url,
            MESSAGEBIRD_MAX_RPS: '1000',
            DISPATCH_MAX_IN_FLIGHT: '20',
          };
          const pair = [
            spawnDispatcher({ ...env, DISPATCHER_ID: 'one' }, await freePort()),
            spawnDispatcher({ ...env, DISPATCHER_ID: 'two' }, await freePort()),
          ];
          try {
            await waitFor(async () => {
              const states = await recipientStates(orm, seeded.listId);
              return !states['pending'] && !states['sending'];
            }, 'both dispatchers to finish');
          } finally {
            for (const dispatcher of pair) dispatcher.child.kill('SIGTERM');
            await Promise.all(pair.map((dispatcher) => dispatcher.exited));
          }
          const references = sandbox.messages().map((message) => message.reference);
          expect(references).toHaveLength(RECIPIENTS);
          expect(new Set(references).size).toBe(RECIPIENTS);
          expect(await recipientStates(orm, seeded.listId)).toEqual({ sent: RECIPIENTS });
          // Both did their share: the claims let them work side by side (claimed_by stays on a sent row).
          const senders = await orm.em
            .fork()
            .getConnection()
            .execute<{ claimed_by: string }[]>(
              `select distinct claimed_by from recipients where list_id = ? order by claimed_by`,
              [seeded.listId],
            );
          expect(senders.map((row: { claimed_by: string }) => row.claimed_by)).toEqual(['one', 'two']);
        } finally {
          await orm.close(true);
        }
      });
      await sandbox.stop();
    });
  }
});
