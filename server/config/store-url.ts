/**
 * CHATTERBOX_STORE_URL -> where job and voice records live. Empty: the embedded SQLite
 * file in the data dir. `sqlite:///abs/path.sqlite` moves that file; `redis://…`,
 * `rediss://…`, `postgres://…` or `postgresql://…` name a store every process shares.
 */
export type StoreLocation =
  | { readonly kind: 'sqlite'; /** null: `<data dir>/jobs.sqlite` */ readonly file: string | null }
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'postgres'; readonly url: string };

const SQLITE_SCHEME = 'sqlite://';

/** The location, or a sentence saying what is wrong with `raw`. */
export function parseStoreUrl(raw: string): StoreLocation | string {
  const value = raw.trim();
  if (value === '') return { kind: 'sqlite', file: null };
  if (value.startsWith(SQLITE_SCHEME)) {
    const file = value.slice(SQLITE_SCHEME.length);
    return file.startsWith('/') ? { kind: 'sqlite', file } : 'a sqlite:// URL needs an absolute path, e.g. sqlite:///var/lib/chatterbox/jobs.sqlite';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'expected sqlite:///path, redis://host:6379 or postgres://user@host/db';
  }
  if (url.protocol === 'redis:' || url.protocol === 'rediss:') return { kind: 'redis', url: value };
  if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') {
    return url.pathname.length > 1 ? { kind: 'postgres', url: value } : 'a postgres:// URL must name the database, e.g. postgres://chatterbox@db-host/chatterbox';
  }
  return `unsupported scheme ${url.protocol}; expected sqlite://, redis://, rediss://, postgres:// or postgresql://`;
}
