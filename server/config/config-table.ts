/**
 * The configuration table in docs/operations.md, written from the env schema so the two cannot
 * drift: one row per variable, its default taken from the schema itself (what an unset variable
 * parses to) unless the variable's `defaultText` meta says it in words.
 */
import type { z } from 'zod';
import { envSchema } from './env.schema.ts';

export const TABLE_START = '<!-- config-table:start -->';
export const TABLE_END = '<!-- config-table:end -->';

type Shape = Record<string, z.ZodType>;

export function renderConfigTable(shape: Shape = envSchema.shape): string {
  const rows = Object.entries(shape).map(([name, schema]) => {
    const meta = schema.meta() ?? {};
    if (typeof meta.description !== 'string' || meta.description === '') {
      throw new Error(`${name} has no description: add .describe('…') to it in env.schema.ts`);
    }
    const shown =
      typeof meta.defaultText === 'string' ? meta.defaultText : describeDefault(name, schema);
    return `| \`${name}\` | ${cell(shown)} | ${cell(meta.description)} |`;
  });
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}

function describeDefault(name: string, schema: z.ZodType): string {
  const parsed = schema.safeParse(undefined);
  if (!parsed.success) throw new Error(`${name} has no default: say why in .meta({ defaultText })`);
  const value: unknown = parsed.data;
  if (value === undefined) return '*(unset)*';
  if (Array.isArray(value)) return value.length === 0 ? '*(empty)*' : `\`${value.join(',')}\``;
  if (typeof value === 'object' || value === null) {
    throw new Error(`${name}'s default is not a plain value: say it in .meta({ defaultText })`);
  }
  return `\`${String(value)}\``;
}

/** A pipe inside a cell would end it. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** `markdown` with the text between the two markers replaced by `table`. */
export function replaceConfigTable(markdown: string, table: string): string {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`expected ${TABLE_START} … ${TABLE_END} in the document`);
  return `${markdown.slice(0, start + TABLE_START.length)}\n${table}\n${markdown.slice(end)}`;
}
