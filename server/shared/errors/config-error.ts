/** Start-up configuration is invalid; `problems` lists every one so the operator fixes all at once. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  /** The message heads the list of problems, one per line. */
  constructor(message: string, options: { problems: readonly string[]; cause?: unknown }) {
    const list = options.problems.map((problem) => `  - ${problem}`).join('\n');
    super(`${message}:\n${list}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfigError';
    this.problems = options.problems;
  }
}
