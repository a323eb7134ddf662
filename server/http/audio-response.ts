/**
 * Sends an immutable audio file the way download managers and <audio> elements expect:
 * ETag + If-None-Match (304), Range (206, one range) + If-Range, 416 for ranges past the end.
 */
import { createReadStream } from 'node:fs';
import type { Context } from 'koa';
import type { AudioFile } from '../jobs/audio-variants.ts';

interface ByteRange {
  start: number;
  end: number;
}

/** Audio never changes once written, so caches may keep it; `private` because it may be behind an API key. */
const CACHE_CONTROL = 'private, max-age=86400, immutable';

/** Parses one `bytes=` range; undefined = serve the whole file, 'unsatisfiable' = 416. */
function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Multiple or malformed ranges: RFC 9110 lets a server ignore Range and send everything.
  if (match === null || (match[1] === '' && match[2] === '')) return undefined;
  const [, first, last] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export function sendAudio(ctx: Context, jobId: string, file: AudioFile): void {
  ctx.set('ETag', file.etag);
  ctx.set('Accept-Ranges', 'bytes');
  ctx.set('Cache-Control', CACHE_CONTROL);
  ctx.set('Content-Disposition', `attachment; filename="${jobId}.${file.extension}"`);
  ctx.type = file.contentType;
  if (ctx.get('If-None-Match').split(/\s*,\s*/).includes(file.etag)) {
    ctx.status = 304;
    return;
  }
  const ifRange = ctx.get('If-Range');
  const range = ifRange === '' || ifRange === file.etag ? parseRange(ctx.get('Range'), file.bytes) : undefined;
  if (range === 'unsatisfiable') {
    ctx.status = 416;
    ctx.set('Content-Range', `bytes */${file.bytes}`);
    ctx.body = { error: { code: 'range_not_satisfiable', message: `The file has ${file.bytes} bytes.` } };
    return;
  }
  if (range === undefined) {
    ctx.status = 200;
    ctx.length = file.bytes;
    if (ctx.method !== 'HEAD') ctx.body = createReadStream(file.path);
    return;
  }
  ctx.status = 206;
  ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${file.bytes}`);
  ctx.length = range.end - range.start + 1;
  if (ctx.method !== 'HEAD') ctx.body = createReadStream(file.path, { start: range.start, end: range.end });
}
