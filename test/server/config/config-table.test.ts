import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  TABLE_END,
  TABLE_START,
  renderConfigTable,
  replaceConfigTable,
} from '../../../server/config/config-table.ts';
import { envInt, envString } from '../../../server/config/env-parsers.ts';
import { envSchema } from '../../../server/config/env.schema.ts';

const OPERATIONS_DOC = new URL('../../../docs/operations.md', import.meta.url);

function documentedTable(): string {
  const doc = readFileSync(OPERATIONS_DOC, 'utf8');
  return doc.slice(doc.indexOf(TABLE_START) + TABLE_START.length, doc.indexOf(TABLE_END)).trim();
}

describe('the configuration table in docs/operations.md', () => {
  it('is the table the env schema renders (run `npm run docs:config` after changing the schema)', () => {
    assert.equal(documentedTable(), renderConfigTable());
  });

  it('has one row per variable of the schema, in schema order', () => {
    const names = [...documentedTable().matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map(
      (match) => match[1],
    );
    assert.deepEqual(names, Object.keys(envSchema.shape));
  });
});

describe('renderConfigTable', () => {
  it("shows the schema's own default unless the variable words it itself", () => {
    const table = renderConfigTable({
      PLAIN: envInt({ min: 0, max: 10, fallback: 7 }).describe('a number'),
      WORDED: envString('/abs/x').meta({ description: 'a path', defaultText: '`<repo>/x`' }),
      UNSET: envSchema.shape.HF_TOKEN.describe('optional'),
    });
    assert.match(table, /^\| `PLAIN` \| `7` \| a number \|$/m);
    assert.match(table, /^\| `WORDED` \| `<repo>\/x` \| a path \|$/m);
    assert.match(table, /^\| `UNSET` \| \*\(unset\)\* \| optional \|$/m);
  });

  it('refuses a variable without a description', () => {
    assert.throws(
      () => renderConfigTable({ NEW_VARIABLE: envString('x') }),
      /NEW_VARIABLE has no description/,
    );
  });

  it('keeps a pipe in a description inside its cell', () => {
    assert.match(renderConfigTable({ PIPE: envString('x').describe('a | b') }), /a \\\| b/);
  });
});

describe('replaceConfigTable', () => {
  it('replaces only the text between the markers', () => {
    const doc = `intro\n${TABLE_START}\nold\n${TABLE_END}\noutro\n`;
    assert.equal(
      replaceConfigTable(doc, 'new'),
      `intro\n${TABLE_START}\nnew\n${TABLE_END}\noutro\n`,
    );
  });

  it('refuses a document without the markers', () => {
    assert.throws(() => replaceConfigTable('no table here', 'new'), /config-table:start/);
  });
});
