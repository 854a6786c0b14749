import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from './run-bench';

export type Target = { key: string; value: number; target: string; pass: boolean; what: string; detail: string };

const START = '<!-- bench:start — written by `npm run bench`; edit around it, not inside -->';
const END = '<!-- bench:end -->';

/** The targets, each read from the results by its key. */
export function targets(results: BenchResults): Target[] {
  const { ingest, dispatch, tick, memory, scaleOut } = results;
  const at = (value: number, limit: number, kind: '≤' | '≥' | '=') =>
    kind === '≤' ? value <= limit : kind === '≥' ? value >= limit : value === limit;
  const row = (key: string, value: number, kind: '≤' | '≥' | '=', limit: number, what: string, detail: string) => ({
    key,
    value,
    target: `${kind} ${limit}`,
    pass: Number.isFinite(value) && at(value, limit, kind),
    what,
    detail,
  });
  const perDatabase = (kind: 'sqlite' | 'postgresql') => {
    const figures = dispatch[kind];
    return [
      row(
        `dispatch.${kind}.ratioOfCap`,
        figures.ratioOfCap,
        '≥',
        0.95,
        `sustained sends/s ÷ the ${dispatch.scenario.cap}/s cap, ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
        `${figures.sendsPerSecond}/s of ${dispatch.scenario.recipients.toLocaleString('en')} recipients, ${dispatch.scenario.latencyMs} ms latency`,
      ),
      row(
        `dispatch.${kind}.overCap`,
        figures.overCap,
        '=',
        0,
        'requests the sandbox refused with 429 (all runs)',
        `${figures.duplicates} references received twice`,
      ),
    ];
  };
  const idle = (kind: 'sqlite' | 'postgresql') => {
    const raw = tick.raw.byDatabase[kind]?.raw;
    return raw ? `${kind} ${raw.largeIdleClaimMs} ms ÷ ${raw.smallIdleClaimMs} ms` : null;
  };
  const largest = Object.values(tick.raw.byDatabase)[0]?.raw;
  return [
    row(
      'ingest.ratio',
      ingest.ratio,
      '≤',
      1.5,
      `${ingest.raw.rows.toLocaleString('en')}-row CSV through POST /campaigns/:id/recipient-lists ÷ the floor`,
      `${ingest.raw.serviceMs} ms ÷ ${ingest.raw.floorMs} ms`,
    ),
    row(
      'ingest.scaling',
      ingest.scaling,
      '≤',
      1.2,
      `${ingest.raw.rows.toLocaleString('en')} rows ÷ (${ingest.raw.rows / ingest.raw.smallRows} × ${ingest.raw.smallRows} rows)`,
      `${ingest.raw.serviceMs} ms ÷ (${ingest.raw.rows / ingest.raw.smallRows} × ${ingest.raw.smallServiceMs} ms)`,
    ),
    ...perDatabase('sqlite'),
    ...perDatabase('postgresql'),
    row(
      'tick.ratio',
      tick.ratio,
      '≤',
      1.2,
      `a tick's claim latency with ${largest?.large.toLocaleString('en')} waiting (due later) ÷ with ${largest?.small.toLocaleString('en')}; the worse database`,
      [idle('sqlite'), idle('postgresql')].filter(Boolean).join('; '),
    ),
    row(
      'memory.dispatcherRssMb',
      memory.dispatcherRssMb,
      '≤',
      200,
      `dispatcher peak RSS (MB) with ${Number(memory.raw['backlog']).toLocaleString('en')} waiting`,
      `${memory.raw['peakRssMbWithSmallBacklog']} MB with the small backlog`,
    ),
    row(
      'scaleOut.ratio',
      scaleOut.ratio,
      '≥',
      1.7,
      `2 dispatchers ÷ 1 on PostgreSQL, ${scaleOut.raw.scenario.maxInFlight} in flight each, ${scaleOut.raw.scenario.latencyMs} ms latency`,
      `${scaleOut.raw.twoPerSecond}/s ÷ ${scaleOut.raw.onePerSecond}/s`,
    ),
  ];
}

/** The figures as a Markdown section: machine, date, command, then one line per target. */
export function markdownSection(results: BenchResults, rows: Target[]): string {
  const { machine } = results;
  const minutes = Math.round(results.durationSeconds / 6) / 10;
  return [
    START,
    '',
    `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC with \`${results.command}\` (${results.mode}, ${minutes} min) on ` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}, ${machine.os}, ` +
      `SQLite ${machine.sqlite}, PostgreSQL ${machine.postgresql ?? 'unavailable'}; load average at the start ` +
      `${machine.loadAverageAtStart.join(' / ')}. Each figure is the median of its runs; every raw number is in ` +
      '`tools/bench/results/latest.json`.',
    '',
    '| key | what | median | target | | measured |',
    '|---|---|---:|---|---|---|',
    ...rows.map(
      (row) =>
        `| \`${row.key}\` | ${row.what} | ${row.value} | ${row.target} | ${row.pass ? 'pass' : '**miss**'} | ${row.detail} |`,
    ),
    '',
    END,
  ].join('\n');
}

/** Writes latest.json and puts the section into the Markdown file (created around it when missing). */
export async function writeResults(
  results: BenchResults,
  files: { json: string; markdown: string },
): Promise<Target[]> {
  const rows = targets(results);
  await mkdir(path.dirname(files.json), { recursive: true });
  await writeFile(files.json, `${JSON.stringify({ ...results, targets: rows }, null, 2)}\n`);
  const section = markdownSection(results, rows);
  const current = await readFile(files.markdown, 'utf8').catch(() => null);
  let next: string;
  if (current !== null && current.includes(START) && current.includes(END)) {
    next = current.slice(0, current.indexOf(START)) + section + current.slice(current.indexOf(END) + END.length);
  } else {
    next = `# Benchmarks\n\n${section}\n`;
  }
  await mkdir(path.dirname(files.markdown), { recursive: true });
  await writeFile(files.markdown, next);
  return rows;
}
