/** The models:verify report as text: one line per check, then a result line. */
import type { Check } from './model-check.ts';

const LABEL = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const;

export function formatReport(title: string, checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.map((c) => `${LABEL[c.status]}  ${c.name.padEnd(width)}  ${c.detail}`);
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const result = failed > 0 ? `Result: FAILED, ${failed} of ${checks.length} checks failed` : `Result: OK, all ${checks.length - warned} checks passed`;
  return [title, ...lines, `${result}${warned > 0 ? ` (${warned} warnings)` : ''}`].join('\n');
}

export function hasFailures(checks: readonly Check[]): boolean {
  return checks.some((c) => c.status === 'fail');
}
