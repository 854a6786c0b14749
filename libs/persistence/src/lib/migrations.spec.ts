import { createTemporaryDatabase, DATABASE_KINDS, type TemporaryDatabase } from '../testing';
import { openDatabase } from './open-database';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let database: TemporaryDatabase;

  beforeAll(async () => {
    database = await createTemporaryDatabase(kind);
  });
  afterAll(() => database.drop());

  it('build exactly the schema the entities describe (run `npm run db:migration:create` when this fails)', async () => {
    const orm = await openDatabase(database.target);
    try {
      const pending = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(pending.trim()).toBe('');
    } finally {
      await orm.close(true);
    }
  });

  it('index due recipients, so a tick never scans the backlog', async () => {
    const orm = await openDatabase(database.target);
    try {
      const connection = orm.em.getConnection();
      const due = "select id from recipients where state = 'pending' and due_at <= ? order by due_at limit 100";
      if (kind === 'sqlite') {
        const plan = await connection.execute<{ detail: string }[]>(`explain query plan ${due}`, [Date.now()]);
        expect(plan.map((row) => row.detail).join('\n')).toMatch(
          /SEARCH recipients USING (COVERING )?INDEX recipients_due_idx/,
        );
      } else {
        await orm.em.transactional(async (em) => {
          // An empty table always looks cheapest to scan; forbid the scan to see whether the index serves.
          await em.getConnection().execute('set local enable_seqscan = off', [], 'run', em.getTransactionContext());
          const plan = await em
            .getConnection()
            .execute<{ 'QUERY PLAN': string }[]>(`explain ${due}`, [new Date()], 'all', em.getTransactionContext());
          expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/recipients_due_idx/);
        });
      }
    } finally {
      await orm.close(true);
    }
  });

  it('are applied once: opening the database again changes nothing', async () => {
    const first = await openDatabase(database.target);
    const applied = await first.getMigrator().getExecutedMigrations();
    await first.close(true);
    const second = await openDatabase(database.target);
    try {
      expect(await second.getMigrator().getExecutedMigrations()).toEqual(applied);
      expect(await second.getMigrator().getPendingMigrations()).toEqual([]);
    } finally {
      await second.close(true);
    }
  });
});

describe('SQLite settings', () => {
  it('runs in WAL mode with a busy timeout so two processes can write', async () => {
    const database = await createTemporaryDatabase('sqlite');
    const orm = await openDatabase(database.target);
    try {
      const connection = orm.em.getConnection();
      const [journal] = await connection.execute<{ journal_mode: string }[]>('PRAGMA journal_mode');
      const [timeout] = await connection.execute<{ timeout: number }[]>('PRAGMA busy_timeout');
      expect(journal.journal_mode).toBe('wal');
      expect(timeout.timeout).toBeGreaterThanOrEqual(5000);
    } finally {
      await orm.close(true);
      await database.drop();
    }
  });
});
