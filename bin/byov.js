#!/usr/bin/env node
// The CLI runs from the compiled output; `npm install` builds it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/byov.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('byov: the project is not built yet. Run `npm run build` (or `npm install`) first.');
  process.exit(1);
}
await import(entry.href);
