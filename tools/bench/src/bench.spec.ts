import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SMOKE } from './bench-sizes';
import { writeResults } from './report';
import { runBench } from './run-bench';

// Real processes (the service, dispatchers) against the sandbox and both databases, at tiny sizes.
jest.setTimeout(300_000);

/** The keys the issue names, as paths into latest.json. */
const KEYS = [
  'ingest.ratio',
  'ingest.scaling',
  'dispatch.sqlite.ratioOfCap',
  'dispatch.postgresql.ratioOfCap',
  'dispatch.sqlite.overCap',
  'dispatch.postgresql.overCap',
  'tick.ratio',
  'memory.dispatcherRssMb',
  'scaleOut.ratio',
];

function at(json: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], json);
}

describe('npm run bench (smoke, tiny sizes: the machinery, not the figures)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes latest.json with every figure and puts the table into the Markdown, keeping the text around it', async () => {
    const json = path.join(dir, 'results/latest.json');
    const markdown = path.join(dir, 'benchmarks.md');
    const results = await runBench(SMOKE, { command: 'smoke test', mode: 'smoke' });

    await writeResults(results, { json, markdown });
    const first = await readFile(markdown, 'utf8');
    await writeFile(
      markdown,
      `# Benchmarks\n\nWritten by hand above.\n\n${first.slice(first.indexOf('<!--'))}\nAnd below.\n`,
    );
    await writeResults(results, { json, markdown });

    const written = JSON.parse(await readFile(json, 'utf8')) as Record<string, unknown>;
    for (const key of KEYS) expect({ key, value: typeof at(written, key) }).toEqual({ key, value: 'number' });
    expect(written).toMatchObject({
      command: 'smoke test',
      date: expect.any(String),
      machine: { cpu: expect.any(String), cores: expect.any(Number), ramGb: expect.any(Number), node: process.version },
    });
    expect((written['targets'] as { key: string }[]).map((target) => target.key)).toEqual(
      KEYS.slice(0, 2).concat([
        'dispatch.sqlite.ratioOfCap',
        'dispatch.sqlite.overCap',
        'dispatch.postgresql.ratioOfCap',
        'dispatch.postgresql.overCap',
        'tick.ratio',
        'memory.dispatcherRssMb',
        'scaleOut.ratio',
      ]),
    );
    // Every recipient reached the sandbox once, in every scenario.
    expect(at(written, 'dispatch.sqlite.duplicates')).toBe(0);
    expect(at(written, 'dispatch.postgresql.duplicates')).toBe(0);
    expect(at(written, 'scaleOut.raw.duplicates')).toBe(0);
    expect((at(written, 'dispatch.sqlite.runs') as { accepted: number }[])[0]!.accepted).toBe(
      SMOKE.dispatch.recipients,
    );

    const table = await readFile(markdown, 'utf8');
    expect(table).toContain('Written by hand above.');
    expect(table).toContain('And below.');
    expect(table.match(/<!-- bench:start/g)).toHaveLength(1);
    for (const key of KEYS) expect(table).toContain(`| \`${key}\` |`);
    expect(table).toContain('`smoke test`');
  });
});
