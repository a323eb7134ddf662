/**
 * Turns zod's findings into the API's error shape: one `code` a client can branch on, the
 * `field` it concerns, and a sentence naming the problem (plus how many others there are).
 */
import type { z } from 'zod';
import { AppError } from '../../shared/errors/app-error.ts';
import { ValidationError } from '../../shared/errors/validation-error.ts';

type Issue = z.core.$ZodIssue;

const UNPROCESSABLE_CODES: ReadonlySet<string> = new Set(['empty_text']);

/** Fields whose enum violations get a specific code (clients show "unsupported language"). */
const ENUM_CODES: Record<string, string> = {
  language: 'unsupported_language',
  format: 'unsupported_format',
  status: 'invalid_status',
};

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw toValidationError(result.error.issues, where);
}

function toValidationError(issues: readonly Issue[], where: string): ValidationError {
  const issue = issues[0]!;
  const field = fieldOf(issue);
  const others = [...new Set(issues.slice(1).map(fieldOf).filter((other) => other !== undefined && other !== field))];
  const more = others.length > 0 ? ` (also invalid: ${others.join(', ')})` : '';
  const message = field === undefined ? `The ${where} ${describe(issue)}` : `${field}: ${describe(issue)}`;
  const code = codeOf(issue, field);
  // Well-formed, but nothing in it can be done: 422, the answer the text stage gives for text that becomes empty.
  if (UNPROCESSABLE_CODES.has(code)) return new AppError(`${message}${more}`, { code, field, status: 422 });
  return new ValidationError(`${message}${more}`, { code, field });
}

function fieldOf(issue: Issue): string | undefined {
  if (issue.code === 'unrecognized_keys') return [...issue.path, issue.keys[0]].join('.');
  return issue.path.length > 0 ? issue.path.join('.') : undefined;
}

function codeOf(issue: Issue, field: string | undefined): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'missing_field' : 'invalid_type';
    case 'too_small':
    case 'too_big':
      return issue.origin === 'string' && field !== undefined ? `${field}_length` : 'out_of_range';
    case 'invalid_value':
      return (field !== undefined && ENUM_CODES[field]) || 'invalid_value';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'invalid_format':
      return 'invalid_format';
    case 'custom':
      return typeof issue.params?.code === 'string' ? issue.params.code : 'invalid_value';
    default:
      return 'invalid_value';
  }
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      // JSON such as 1e999 parses to Infinity: a number, but not one JSON can carry.
      if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) return `must be a finite number, got ${String(issue.input)} (out of range)`;
      return `must be ${issue.expected === 'object' ? 'a JSON object' : article(TYPE_NAMES[issue.expected] ?? issue.expected)}, got ${typeName(issue.input)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? issue.minimum === 1 ? 'must not be empty' : `needs at least ${issue.minimum} characters`
        : `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `allows at most ${issue.maximum} characters`
        : `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'invalid_format':
      return issue.format === 'url' ? 'must be an http(s) URL' : `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

const TYPE_NAMES: Record<string, string> = { int: 'integer' };

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return article(typeof value);
}
