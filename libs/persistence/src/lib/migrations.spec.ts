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
        expect(plan.map((row: { detail: string }) => row.detail).join('\n')).toMatch(
          /SEARCH recipients USING (COVERING )?INDEX recipients_due_idx/,
        );
      } else {
        await orm.em.transactional(async (em) => {
          // An empty table always looks cheapest to scan; forbid the scan to see whether the index serves.
          await em.getConnection().execute('set local enable_seqscan = off', [], 'run', em.getTransactionContext());
          const plan = await em
            .getConnection()
            .execute<{ 'QUERY PLAN': string }[]>(`explain ${due}`, [new Date()], 'all', em.getTransactionContext());
          expect(plan.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n')).toMatch(
            /recipients_due_idx/,
          );
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

describe('two processes on one SQLite file', () => {
  it('serialise their writer transactions instead of failing with SQLITE_BUSY', async () => {
    const database = await createTemporaryDatabase('sqlite');
    const [first, second] = [await openDatabase(database.target), await openDatabase(database.target)];
    try {
      const insert = (em: import('@mikro-orm/core').EntityManager, label: string) =>
        em
          .getConnection()
          .execute(
            'insert into audit_log (actor, action, entity_type, entity_id, at) values (?, ?, ?, ?, ?)',
            ['system:test', label, 'test', '1', Date.now()],
            'run',
            em.getTransactionContext(),
          );
      // Each transaction reads first and writes later: with a deferred BEGIN the later writer's lock
      // upgrade fails at once; with BEGIN IMMEDIATE it waits for the first to commit.
      const transaction = (orm: typeof first, label: string) =>
        orm.em.fork().transactional(async (em) => {
          await em.getConnection().execute('select count(*) from audit_log', [], 'all', em.getTransactionContext());
          await new Promise((resolve) => setTimeout(resolve, 50));
          await insert(em, label);
        });
      await Promise.all([transaction(first, 'first'), transaction(second, 'second')]);
      const rows = await first.em
        .getConnection()
        .execute<{ action: string }[]>('select action from audit_log order by id');
      expect(rows.map((row: { action: string }) => row.action).sort()).toEqual(['first', 'second']);
    } finally {
      await first.close(true);
      await second.close(true);
      await database.drop();
    }
  });
});
