#!/usr/bin/env node
// `npm start`: the product on its embedded default (SQLite in ./data). Each app runs as its own process,
// its log lines prefixed with its name; Ctrl-C stops them all. Apps that do not exist yet say so.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, 'data');
mkdirSync(dataDir, { recursive: true });

// One local secret shared by the apps, kept across restarts so that their clients keep working.
const tokenFile = path.join(dataDir, 'service-token');
if (!process.env.SERVICE_TOKEN && !existsSync(tokenFile))
  writeFileSync(tokenFile, randomBytes(24).toString('hex'), { mode: 0o600 });
const serviceToken = process.env.SERVICE_TOKEN || readFileSync(tokenFile, 'utf8').trim();

const apps = [
  { name: 'campaign-service', port: process.env.CAMPAIGN_SERVICE_PORT || '3100' },
  { name: 'dispatcher', port: process.env.DISPATCHER_PORT || '3200' },
  { name: 'slack-bot', port: process.env.SLACK_BOT_PORT || '3000' },
];

const children = [];
for (const app of apps) {
  const main = path.join(root, 'apps', app.name, 'src', 'main.ts');
  if (!existsSync(path.join(root, 'apps', app.name, 'src', 'app'))) {
    console.log(`[${app.name}] not built yet`);
    continue;
  }
  const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', SERVICE_TOKEN: serviceToken, PORT: app.port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${app.name}] ${line}`));
  }
  child.on('exit', (code, signal) => {
    console.log(`[${app.name}] exited (${signal || code})`);
    if (!stopping) stopAll(code || 1);
  });
  children.push(child);
  console.log(`[${app.name}] starting on http://127.0.0.1:${app.port}`);
}

if (children.length > 0) {
  console.log(`\nService token (Authorization: Bearer …) is in ${path.relative(root, tokenFile)}. Try:`);
  console.log('  curl http://127.0.0.1:3100/health');
  console.log(`  curl -H "Authorization: Bearer $(cat data/service-token)" http://127.0.0.1:3100/docs\n`);
}

let stopping = false;
function stopAll(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
