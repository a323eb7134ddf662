import { AppError } from './app-error.ts';

/** A model folder's graphs do not match the contract the engine was written for (startup error). */
export class ModelContractError extends AppError {
  readonly problems: readonly string[];

  constructor(dir: string, problems: readonly string[]) {
    super('model_contract_mismatch', `The model in ${dir} does not match the expected graph contract: ${problems.join('; ')}.`, {
      status: 503,
      expose: true,
    });
    this.name = 'ModelContractError';
    this.problems = problems;
  }
}
