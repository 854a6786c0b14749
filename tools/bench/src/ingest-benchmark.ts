import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { openDatabase } from '@proactive-sms/persistence';
import { createTemporaryDatabase } from '@proactive-sms/persistence/testing';
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { randomBytes } from 'node:crypto';
import { startApp } from './processes';
import { seedCampaign } from './seed';
import { median, round } from './stats';

/** Zones and phone shapes as admins paste them: with and without "+", spaces, dashes, dots, parentheses. */
const ZONES: [zone: string, phone: (i: number) => string][] = [
  ['America/New_York', (i) => `1-212-555-${String(i % 10_000).padStart(4, '0')}`],
  ['America/Los_Angeles', (i) => `+1 (310) 555-${String(i % 10_000).padStart(4, '0')}`],
  ['Europe/London', (i) => `44 7700 9${String(i % 100_000).padStart(5, '0')}`],
  ['Europe/Berlin', (i) => `+49 30 1${String(i % 1_000_000).padStart(6, '0')}`],
  [
    'Asia/Tokyo',
    (i) => `81 3 1${String(Math.floor(i / 10) % 1000).padStart(3, '0')} ${String(i % 10_000).padStart(4, '0')}`,
  ],
  ['Australia/Sydney', (i) => `+61 2 9${String(i % 10_000_000).padStart(7, '0')}`],
];

/** A valid recipient list of `rows` unique numbers across six zones, with the template's header. */
export function recipientCsv(rows: number): Buffer {
  const lines = ['timezone,phone_number,name'];
  for (let i = 0; i < rows; i += 1) {
    const [zone, phone] = ZONES[i % ZONES.length]!;
    lines.push(`${zone},${phone(Math.floor(i / ZONES.length) + 1000)},Person ${i}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The parts of the `sqlite3` package the floor uses. */
type Sqlite3Database = {
  run(sql: string, params: unknown[], callback: (error: Error | null) => void): void;
  exec(sql: string, callback: (error: Error | null) => void): void;
  close(callback: (error: Error | null) => void): void;
};
type Sqlite3 = { Database: new (file: string, callback: (error: Error | null) => void) => Sqlite3Database };

/**
 * The `sqlite3` package exactly as the product's ORM loaded it (MikroORM's knex client holds the driver
 * module): the floor uses the same native driver, without the ORM in between.
 */
function sqliteDriverOf(orm: MikroORM): Sqlite3 {
  const client = (orm.em.getConnection() as AbstractSqlConnection).getKnex().client as { driver?: Sqlite3 };
  if (!client.driver) throw new Error('the SQLite connection has no driver loaded');
  return client.driver;
}

/**
 * The floor: the least any implementation has to do with the same bytes — csv-parse, libphonenumber-js on
 * every number, and one multi-row INSERT with the raw `sqlite3` driver in one transaction, into the same
 * table with the same indexes. No HTTP, no validation messages, no due times per zone, no forecast.
 */
class IngestFloor {
  private constructor(private readonly db: Sqlite3Database) {}

  static async open(sqlite3: Sqlite3, file: string): Promise<IngestFloor> {
    const db = await new Promise<Sqlite3Database>((resolve, reject) => {
      const opened = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
    });
    const floor = new IngestFloor(db);
    await floor.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    return floor;
  }

  async ingest(bytes: Buffer, ids: { listId: number; campaignId: number }): Promise<number> {
    const records = parse(bytes, { from_line: 2, skip_empty_lines: true, relax_column_count: true }) as string[][];
    const now = Date.now();
    const values: unknown[] = [];
    let line = 1;
    for (const [zone = '', phone = '', name = ''] of records) {
      line += 1;
      const parsed = parsePhoneNumberFromString(`+${phone.replace(/\D/g, '')}`);
      if (!parsed?.isPossible()) throw new Error(`floor: line ${line} has no possible phone number`);
      values.push(line, parsed.number, zone, name || null, now);
    }
    const rows = values.length / 5;
    const tuple = `(${ids.listId}, ${ids.campaignId}, ?, ?, ?, ?, 'pending', ?, 0, ${now}, ${now})`;
    await this.exec('BEGIN IMMEDIATE');
    await new Promise<void>((resolve, reject) =>
      this.db.run(
        `insert into recipients (list_id, campaign_id, line, phone, timezone, name, state, due_at, attempts, created_at, updated_at)
         values ${Array.from({ length: rows }, () => tuple).join(', ')}`,
        values,
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    await this.exec('COMMIT');
    return rows;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}

export type IngestResult = {
  ratio: number;
  scaling: number;
  raw: {
    rows: number;
    smallRows: number;
    runs: number;
    serviceMs: number;
    floorMs: number;
    smallServiceMs: number;
    serviceRunsMs: number[];
    floorRunsMs: number[];
    smallServiceRunsMs: number[];
    csvBytes: number;
  };
};

const TOKEN = `bench-${randomBytes(12).toString('hex')}`;

/**
 * The campaign service as its own process on a fresh SQLite file, and the floor in this process on another
 * with the same schema; each run uploads the same bytes to both, one after the other, then the small list.
 */
export async function runIngest(options: {
  rows: number;
  smallRows: number;
  runs: number;
  warmups: number;
}): Promise<IngestResult> {
  const serviceDatabase = await createTemporaryDatabase('sqlite');
  const floorDatabase = await createTemporaryDatabase('sqlite');
  // The floor writes into the same schema (versioned migrations) with a campaign and a list to point to:
  // foreign keys are on, as in the product.
  const floorOrm = await openDatabase(floorDatabase.target);
  const floorIds = await seedCampaign(floorOrm, { messagesPerSecond: 1 });
  const sqlite3 = sqliteDriverOf(floorOrm);
  await floorOrm.close(true);
  const { target } = floorDatabase;
  if (target.kind !== 'sqlite') throw new Error('the floor is measured on SQLite');
  const floor = await IngestFloor.open(sqlite3, target.file);
  const service = await startApp('campaign-service', {
    DATABASE_URL: serviceDatabase.url,
    SERVICE_TOKEN: TOKEN,
    ORG_TIMEZONE: 'UTC',
  });
  try {
    const api = serviceApi(service.url);
    const large = recipientCsv(options.rows);
    const small = recipientCsv(options.smallRows);
    const serviceRuns: number[] = [];
    const floorRuns: number[] = [];
    const smallRuns: number[] = [];
    for (let run = 0; run < options.warmups + options.runs; run += 1) {
      const measured = run >= options.warmups;
      const floorMs = await timed(() => floor.ingest(large, floorIds));
      const largeCampaign = await api.campaign();
      const serviceMs = await timed(() => api.upload(largeCampaign, large));
      const smallCampaign = await api.campaign();
      const smallMs = await timed(() => api.upload(smallCampaign, small));
      if (measured) {
        floorRuns.push(floorMs);
        serviceRuns.push(serviceMs);
        smallRuns.push(smallMs);
      }
    }
    const serviceMs = median(serviceRuns);
    const floorMs = median(floorRuns);
    const smallServiceMs = median(smallRuns);
    return {
      ratio: round(serviceMs / floorMs),
      scaling: round(serviceMs / ((options.rows / options.smallRows) * smallServiceMs)),
      raw: {
        rows: options.rows,
        smallRows: options.smallRows,
        runs: options.runs,
        serviceMs: round(serviceMs, 1),
        floorMs: round(floorMs, 1),
        smallServiceMs: round(smallServiceMs, 1),
        serviceRunsMs: serviceRuns.map((ms) => round(ms, 1)),
        floorRunsMs: floorRuns.map((ms) => round(ms, 1)),
        smallServiceRunsMs: smallRuns.map((ms) => round(ms, 1)),
        csvBytes: large.byteLength,
      },
    };
  } finally {
    await service.stop();
    await floor.close();
    await serviceDatabase.drop();
    await floorDatabase.drop();
  }
}

/** The service's REST API as an admin uses it (see apps/campaign-service/README.md). */
function serviceApi(base: string) {
  let senders = 0;
  let answerId: number | null = null;
  const call = async <T>(path: string, init: { json?: object; form?: FormData }): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'X-Actor': 'system:bench',
        ...(init.json ? { 'Content-Type': 'application/json' } : {}),
      },
      body: init.json ? JSON.stringify(init.json) : init.form,
    });
    const body = (await response.json()) as T;
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  // Tomorrow at 09:00 in the organisation's zone (UTC): a start the service accepts whenever the bench runs.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return {
    /** A campaign of its own on a sender number of its own: each upload starts from the same state. */
    async campaign(): Promise<number> {
      senders += 1;
      const sender = await call<{ id: number }>('/sender-numbers', {
        json: {
          number: `+1 415 555 ${String(senders).padStart(4, '0')}`,
          label: `Bench ${senders}`,
          inboxChannelId: 'C0BENCH',
          messagesPerSecond: 10,
        },
      });
      answerId ??= (
        await call<{ id: number }>('/answers', {
          json: {
            name: 'Bench',
            language: 'en',
            body: 'Hi {{first_name}}, your order ships tomorrow.',
            defaultFirstName: 'there',
          },
        })
      ).id;
      const schedule = Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
          day,
          { closed: false, open: '09:00', close: '17:00' },
        ]),
      );
      const campaign = await call<{ id: number }>('/campaigns', {
        json: {
          name: `Bench ${senders} ${TOKEN.slice(-6)}`,
          senderNumberId: sender.id,
          language: 'en',
          answerId,
          schedule,
          slackChannelId: 'C0BENCH',
        },
      });
      return campaign.id;
    },
    /** Until the service answers 201: the list and every recipient are committed. */
    async upload(campaignId: number, csv: Buffer): Promise<void> {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'recipients.csv');
      form.append('outreachStartAt', `${tomorrow}T09:00`);
      await call(`/campaigns/${campaignId}/recipient-lists`, { form });
    },
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
