#!/usr/bin/env node
// `npm start`: the product on its embedded default. The apps are built out by their own issues; until
// they exist this says what is there and what is not.
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const apps = ['campaign-service', 'dispatcher', 'slack-bot'];
for (const app of apps) {
  const built = existsSync(path.join(root, 'apps', app, 'src', 'app'));
  console.log(`${app.padEnd(17)} ${built ? 'present' : 'not built yet'}`);
}
console.log('\nThe domain rules are in libs/domain; run `npm test` to see them checked.');
