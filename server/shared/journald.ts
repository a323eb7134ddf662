/**
 * Log lines that journald files under the right priority. systemd reads a `<N>` prefix on
 * each stdout line as its syslog priority (SyslogLevelPrefix=, on by default) and strips
 * it, so `journalctl -p warning` filters by level and `journalctl -o cat` still shows
 * plain JSON that `jq` reads.
 */
import { fstatSync } from 'node:fs';

/** pino level -> syslog priority (7 debug, 6 info, 4 warning, 3 err, 2 crit). */
const PRIORITY_BY_LEVEL: ReadonlyArray<[minLevel: number, priority: number]> = [
  [60, 2],
  [50, 3],
  [40, 4],
  [30, 6],
  [0, 7],
];
const LEVEL_FIELD = /^\{"level":(\d+)/;
const INFO_PRIORITY = 6;

/** `line` with its journald priority prefix; pino writes `{"level":N,` first. */
export function withJournaldPriority(line: string): string {
  const level = Number(LEVEL_FIELD.exec(line)?.[1] ?? NaN);
  const priority = Number.isNaN(level) ? INFO_PRIORITY : PRIORITY_BY_LEVEL.find(([minLevel]) => level >= minLevel)![1];
  return `<${priority}>${line}`;
}

/**
 * True when stdout is connected to the journal: systemd sets JOURNAL_STREAM to the
 * `<device>:<inode>` of that stream (a child whose stdout was redirected inherits the
 * variable, hence the comparison).
 */
export function stdoutIsJournal(journalStream: string | undefined): boolean {
  if (journalStream === undefined || journalStream === '') return false;
  try {
    const { dev, ino } = fstatSync(1);
    return journalStream === `${dev}:${ino}`;
  } catch {
    return false;
  }
}
