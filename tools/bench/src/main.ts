/**
 * `npm run bench` (and `npm run bench -- --quick`): measures the product side by side with its floor and
 * the provider's cap, writes tools/bench/results/latest.json and the table in docs/benchmarks.md.
 */
import path from 'node:path';
import { FULL, QUICK } from './bench-sizes';
import { ROOT } from './processes';
import { writeResults } from './report';
import { runBench } from './run-bench';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(' ')}: use --quick or nothing`);
  const quick = args.includes('--quick');
  const command = quick ? 'npm run bench -- --quick' : 'npm run bench';
  const started = Date.now();
  const log = (line: string) =>
    console.log(`[bench ${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s] ${line}`);

  const results = await runBench(quick ? QUICK : FULL, { command, mode: quick ? 'quick' : 'full' }, log);
  const rows = await writeResults(results, {
    json: path.join(ROOT, 'tools/bench/results/latest.json'),
    markdown: path.join(ROOT, 'docs/benchmarks.md'),
  });
  for (const row of rows)
    console.log(`${row.pass ? 'pass' : 'MISS'}  ${row.key} = ${row.value} (${row.target}; ${row.detail})`);
  console.log(`wrote tools/bench/results/latest.json and docs/benchmarks.md in ${results.durationSeconds} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
