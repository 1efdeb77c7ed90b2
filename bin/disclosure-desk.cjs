#!/usr/bin/env node
'use strict';
// The CLI is built by `npm install` (prepare) or `npm run build` into dist/.
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'dist', 'main', 'cli.cjs');
if (!fs.existsSync(built)) {
  process.stderr.write('disclosure-desk: not built yet. Run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
require(built).main();
