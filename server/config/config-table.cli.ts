/** `npm run docs:config`: rewrites the configuration table in docs/operations.md from the env schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigTable, replaceConfigTable } from './config-table.ts';

const OPERATIONS_DOC = fileURLToPath(new URL('../../docs/operations.md', import.meta.url));

const before = readFileSync(OPERATIONS_DOC, 'utf8');
const after = replaceConfigTable(before, renderConfigTable());
if (after === before) {
  console.log('docs/operations.md: configuration table already up to date');
} else {
  writeFileSync(OPERATIONS_DOC, after);
  console.log('docs/operations.md: configuration table rewritten from server/config/env.schema.ts');
}
