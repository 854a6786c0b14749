import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The architecture is enforced by lint, so a violation must fail it. Each case plants a real file in the
 * tree (removed afterwards), runs the workspace's ESLint on it exactly as `npm run lint` does, and expects
 * the rule that guards the boundary to report it.
 */
const root = path.resolve(__dirname, '../../..');
const eslintBin = path.join(root, 'node_modules/.bin/eslint');

async function lintPlanted(relativeFile: string, source: string): Promise<{ exitCode: number; messages: string[] }> {
  const file = path.join(root, relativeFile);
  await writeFile(file, source);
  try {
    const { stdout } = await promisify(execFile)(eslintBin, ['--format', 'json', '--max-warnings', '0', file], {
      cwd: root,
    }).catch((error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }));
    const [result] = JSON.parse(stdout) as { errorCount: number; messages: { ruleId: string; message: string }[] }[];
    return {
      exitCode: result.errorCount > 0 ? 1 : 0,
      messages: result.messages.map((m) => `${m.ruleId}: ${m.message}`),
    };
  } finally {
    await rm(file, { force: true });
  }
}

// Each case runs the real ESLint with type information: seconds each, more when the machine is busy.
jest.setTimeout(120_000);

const planted = () => `planted-${randomUUID().slice(0, 8)}.ts`;

describe('module boundaries', () => {
  it('refuses a framework import in libs/domain', async () => {
    const { exitCode, messages } = await lintPlanted(
      `libs/domain/src/lib/${planted()}`,
      "import { Injectable } from '@nestjs/common';\nexport const planted = Injectable;\n",
    );
    expect(exitCode).toBe(1);
    expect(messages.join('\n')).toMatch(/@nestjs\/common/);
  });

  it.each(['@mikro-orm/core', '@slack/bolt', 'messagebird'])('refuses %s in libs/domain', async (pkg) => {
    const { exitCode, messages } = await lintPlanted(
      `libs/domain/src/lib/${planted()}`,
      `import * as forbidden from '${pkg}';\nexport const planted = forbidden;\n`,
    );
    expect(exitCode).toBe(1);
    expect(messages.join('\n')).toContain(pkg);
  });

  it('refuses file-system I/O in libs/domain', async () => {
    const { exitCode, messages } = await lintPlanted(
      `libs/domain/src/lib/${planted()}`,
      "import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n",
    );
    expect(exitCode).toBe(1);
    expect(messages.join('\n')).toMatch(/does no I\/O/);
  });

  it('refuses an app importing another app', async () => {
    const { exitCode, messages } = await lintPlanted(
      `apps/dispatcher/src/${planted()}`,
      "import '../../campaign-service/src/main';\nexport const planted = 1;\n",
    );
    expect(exitCode).toBe(1);
    expect(messages.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('refuses a floating promise', async () => {
    const { exitCode, messages } = await lintPlanted(
      `apps/dispatcher/src/${planted()}`,
      'async function send(): Promise<void> {}\nexport function tick(): void {\n  send();\n}\n',
    );
    expect(exitCode).toBe(1);
    expect(messages.join('\n')).toMatch(/no-floating-promises/);
  });

  it('accepts the domain using a pure library it declares', async () => {
    const { exitCode, messages } = await lintPlanted(
      `libs/domain/src/lib/${planted()}`,
      "import { DateTime } from 'luxon';\nexport const planted = DateTime.fromISO('2026-11-29', { zone: 'UTC' });\n",
    );
    expect(messages).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
