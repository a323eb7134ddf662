import { AppError } from './app-error.ts';

/** No such resource (404). */
export class NotFoundError extends AppError {
  constructor(message: string, code = 'not_found') {
    super(code, message, { status: 404 });
    this.name = 'NotFoundError';
  }
}
