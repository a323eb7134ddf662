import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { withJournaldPriority } from '../../../server/shared/journald.ts';

const LOGGER = new URL('../../../server/shared/logger.ts', import.meta.url).href;

/** Runs a process that logs through createLogger with JOURNAL_STREAM naming (or not) its own stdout. */
function logLines(journalMatchesStdout: boolean): string[] {
  const script = `
    import { fstatSync } from 'node:fs';
    const { createLogger } = await import(${JSON.stringify(LOGGER)});
    const { dev, ino } = fstatSync(1);
    const logger = createLogger('info', { journalStream: ${journalMatchesStdout} ? dev + ':' + ino : '1:2' });
    logger.error('broken'); logger.warn('careful'); logger.info('hello');`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim().split('\n');
}

describe('journald priorities', () => {
  it('prefixes each pino line with the syslog priority of its level', () => {
    assert.equal(withJournaldPriority('{"level":60,"msg":"x"}\n'), '<2>{"level":60,"msg":"x"}\n');
    assert.equal(withJournaldPriority('{"level":50,"msg":"x"}\n'), '<3>{"level":50,"msg":"x"}\n');
    assert.equal(withJournaldPriority('{"level":40,"msg":"x"}\n'), '<4>{"level":40,"msg":"x"}\n');
    assert.equal(withJournaldPriority('{"level":30,"msg":"x"}\n'), '<6>{"level":30,"msg":"x"}\n');
    assert.equal(withJournaldPriority('{"level":20,"msg":"x"}\n'), '<7>{"level":20,"msg":"x"}\n');
    assert.equal(withJournaldPriority('not json\n'), '<6>not json\n');
  });

  it('writes prefixed JSON lines when stdout is the journal stream systemd named', () => {
    const lines = logLines(true);
    assert.deepEqual(lines.map((line) => line.slice(0, 3)), ['<3>', '<4>', '<6>']);
    assert.equal(JSON.parse(lines[0]!.slice(3)).msg, 'broken');
  });

  it('writes plain JSON lines when stdout is not the journal (JOURNAL_STREAM inherited from a parent)', () => {
    const lines = logLines(false);
    assert.deepEqual(lines.map((line) => (JSON.parse(line) as { msg: string }).msg), ['broken', 'careful', 'hello']);
  });
});
