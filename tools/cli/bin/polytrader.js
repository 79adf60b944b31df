#!/usr/bin/env node
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const entry = join(__dirname, '..', 'dist', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('polytrader is not built yet: run `npm run build` in the repository root\n');
  process.exit(1);
}
require(entry);
