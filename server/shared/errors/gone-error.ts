import { AppError } from './app-error.ts';

/** The resource existed but was deleted or expired (410), so clients can stop polling. */
export class GoneError extends AppError {
  constructor(message: string, code = 'gone') {
    super(code, message, { status: 410 });
    this.name = 'GoneError';
  }
}
