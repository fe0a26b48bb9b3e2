#!/usr/bin/env node
// Runs the compiled JavaScript in dist/, which `npm install` builds (the `prepare` script).
import fs from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!fs.existsSync(entry)) {
  console.error('smtp-desk: the compiled JavaScript (dist/) is missing: run npm run build');
  process.exit(1);
}
await import(entry.href);
