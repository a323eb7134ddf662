import { pino, type Logger } from 'pino';
import { stdoutIsJournal, withJournaldPriority } from './journald.ts';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** @defaultValue 'chatterbox' */
  name?: string;
  /** systemd's JOURNAL_STREAM (from Config): when stdout is the journal, lines carry their priority. @defaultValue null */
  journalStream?: string | null;
}

/** JSON lines on stdout (pipe through pino-pretty when reading by eye). */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const journal = stdoutIsJournal(options.journalStream ?? undefined);
  return pino({
    name: options.name ?? 'chatterbox',
    level,
    base: { pid: process.pid },
    ...(journal ? { hooks: { streamWrite: withJournaldPriority } } : {}),
  });
}
