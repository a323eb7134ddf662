import { AppError, type ErrorDetails } from './app-error.ts';

/** A model folder's graphs do not match the contract the engine was written for (startup error). */
export class ModelContractError extends AppError {
  readonly problems: readonly string[];

  /** The message is followed by the problems, separated by semicolons. */
  constructor(message: string, options: ErrorDetails & { problems: readonly string[] }) {
    const { problems, ...rest } = options;
    super(`${message}: ${problems.join('; ')}.`, { ...rest, code: rest.code ?? 'model_contract_mismatch', status: 503, expose: true });
    this.name = 'ModelContractError';
    this.problems = problems;
  }
}
