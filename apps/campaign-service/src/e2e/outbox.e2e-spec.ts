import { MikroORM } from '@mikro-orm/core';
import { enqueueOutbox } from '@proactive-sms/persistence';
import { DATABASE_KINDS } from '@proactive-sms/persistence/testing';
import { type ServiceHarness, startService } from './service-harness';

describe.each(DATABASE_KINDS)("the bot's outbox on %s", (kind) => {
  let service: ServiceHarness;

  beforeAll(async () => {
    service = await startService(kind, '2027-03-10T12:00:00Z');
  });
  afterAll(() => service.close());

  const enqueue = async (phone: string, body: string, dedupeKey?: string) => {
    const em = service.app.get(MikroORM).em.fork();
    await em.transactional((tx) =>
      enqueueOutbox(tx, { kind: 'reply', channelId: 'C0INBOX', payload: { phone, body }, dedupeKey }),
    );
  };

  it('hands each notification out once, keeps it until Slack took it, and threads replies per phone', async () => {
    await enqueue('+12125550190', 'Can I change the date?', 'inbound:1');
    await enqueue('+12125550190', 'Can I change the date?', 'inbound:1'); // the same webhook twice: queued once

    const [first, ...rest] = (await service.post('/outbox/take?limit=10').expect(200)).body;
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      kind: 'reply',
      channelId: 'C0INBOX',
      payload: { body: 'Can I change the date?' },
      threadTs: null,
      attempts: 1,
    });
    expect((await service.post('/outbox/take').expect(200)).body).toEqual([]); // reserved while the bot posts it

    // Slack failed: offered again after a backoff, not before.
    const failed = await service.post(`/outbox/${first.id}/failed`, { error: 'ratelimited' }).expect(200);
    expect(new Date(failed.body.nextAttemptAt).getTime()).toBeGreaterThan(service.clock.now().getTime());
    expect((await service.post('/outbox/take').expect(200)).body).toEqual([]);
    service.clock.set(new Date(failed.body.nextAttemptAt));
    const [again] = (await service.post('/outbox/take').expect(200)).body;
    expect(again).toMatchObject({ id: first.id, attempts: 2 });
    await service.post(`/outbox/${first.id}/delivered`, { slackTs: '1773144000.000100' }).expect(200);

    // Later messages about the same phone go into that thread.
    await enqueue('+12125550190', 'Also, STOP', 'inbound:2');
    await enqueue('+12125550191', 'Someone else', 'inbound:3');
    service.clock.set(new Date(service.clock.now().getTime() + 120_000));
    const next = (await service.post('/outbox/take').expect(200)).body;
    expect(
      next.map((item: { payload: { phone: string }; threadTs: string | null }) => [item.payload.phone, item.threadTs]),
    ).toEqual([
      ['+12125550190', '1773144000.000100'],
      ['+12125550191', null],
    ]);
    await service.post('/outbox/999999/delivered', { slackTs: '1' }).expect(404);
    await service.post(`/outbox/${first.id}/delivered`, {}).expect(400);
  });
});
