/**
 * Small zod building blocks for environment variables: every value arrives as a string,
 * and an empty string means "not set" so `FOO=` in a unit file falls back to the default.
 */
import { z } from 'zod';

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export function envInt(options: { min: number; max: number; fallback: number }) {
  return z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(options.min).max(options.max).default(options.fallback),
  );
}

export function envNumber(options: { min: number; max: number; fallback: number }) {
  return z.preprocess(emptyToUndefined, z.coerce.number().min(options.min).max(options.max).default(options.fallback));
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

export function envBoolean(fallback: boolean) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((word) => TRUE_WORDS.includes(word) || FALSE_WORDS.includes(word), {
        message: `expected one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(', ')}`,
      })
      .transform((word) => TRUE_WORDS.includes(word))
      .default(fallback),
  );
}

export function envString(fallback: string) {
  return z.preprocess(emptyToUndefined, z.string().trim().min(1).default(fallback));
}

/** Comma-separated list; blanks between commas are dropped. */
export function envList<T extends z.ZodType<string, string>>(item: T, fallback: string) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .transform((raw) =>
        raw
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
      )
      .pipe(z.array(item)),
  );
}

/** One of `choices`, case-insensitive. */
export function envChoice<T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
    z.enum(choices).default(fallback as never),
  );
}
