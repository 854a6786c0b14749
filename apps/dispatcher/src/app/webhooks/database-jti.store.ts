import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { JtiStore } from '@proactive-sms/messagebird';
import { runStatement } from '@proactive-sms/persistence';

/**
 * Remembers accepted webhook token ids in the shared database, so a request replayed to any dispatcher
 * process is refused. A token id is kept until its token expires (after that the signature check fails).
 */
@Injectable()
export class DatabaseJtiStore implements JtiStore {
  private lastPrune = 0;

  constructor(private readonly orm: MikroORM) {}

  async remember(jti: string, expiresAt: Date): Promise<boolean> {
    const em = this.orm.em.fork();
    const inserted = await runStatement(
      em,
      `insert into webhook_jtis (jti, expires_at) values (?, ?) on conflict (jti) do nothing`,
      [jti, expiresAt],
    );
    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now();
      await runStatement(em, `delete from webhook_jtis where expires_at < ?`, [new Date(Date.now() - 3_600_000)]);
    }
    return inserted === 1;
  }
}
