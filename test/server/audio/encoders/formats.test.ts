import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createStreamEncoder, encode, FORMAT_DESCRIPTORS, getFormat } from '../../../../server/audio/encoders/formats.ts';
import { AUDIO_FORMAT_NAMES } from '../../../../server/shared/audio-format.ts';
import { AppError } from '../../../../server/shared/errors/app-error.ts';
import { speechLikeSignal } from './test-signals.ts';

const SHORT_CLIP = speechLikeSignal(0.2);
/** A generous bound on a child that should exit at once; reaching it means it hung. */
const CHILD_EXIT_LIMIT_MS = 60_000;

describe('format registry', () => {
  it('has one descriptor per contract format, in contract order', () => {
    assert.deepEqual(FORMAT_DESCRIPTORS.map((descriptor) => descriptor.format), [...AUDIO_FORMAT_NAMES]);
  });

  it('gives each format the MIME type and extension clients expect', () => {
    const wire = Object.fromEntries(FORMAT_DESCRIPTORS.map((d) => [d.format, [d.contentType, d.extension]]));

    assert.deepEqual(wire, {
      wav: ['audio/wav', 'wav'],
      mp3: ['audio/mpeg', 'mp3'],
      opus: ['audio/ogg; codecs=opus', 'opus'],
      flac: ['audio/flac', 'flac'],
      aac: ['audio/aac', 'aac'],
      pcm: ['audio/pcm', 'pcm'],
    });
  });

  it('rejects an unknown format with a 400 unsupported_format error naming the supported ones', async () => {
    const expected = (error: unknown): boolean => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'unsupported_format');
      assert.equal(error.status, 400);
      assert.equal(error.field, 'format');
      assert.match(error.message, /"ogg".*wav, mp3, opus, flac, aac, pcm/);
      return true;
    };

    assert.throws(() => getFormat('ogg'), expected);
    assert.throws(() => createStreamEncoder('ogg'), expected);
    await assert.rejects(encode(SHORT_CLIP, 'ogg'), expected);
  });
});

describe('bad input to the encoders', () => {
  const emptyAudio = (error: unknown): boolean =>
    error instanceof AppError && error.code === 'empty_audio' && error.status === 422;

  for (const { format } of FORMAT_DESCRIPTORS) {
    it(`${format}: encoding zero samples is a 422 empty_audio error`, async () => {
      await assert.rejects(encode(new Float32Array(0), format), emptyAudio);
    });

    it(`${format}: ending a stream that got only empty pushes is a 422 empty_audio error`, async () => {
      const encoder = createStreamEncoder(format);
      await encoder.push(new Float32Array(0));

      await assert.rejects(encoder.end(), emptyAudio);
    });

    it(`${format}: a stream refuses pushes after end() and after abort()`, async () => {
      const ended = createStreamEncoder(format);
      await ended.push(SHORT_CLIP);
      await ended.end();
      const aborted = createStreamEncoder(format);
      await aborted.push(SHORT_CLIP);
      aborted.abort();
      aborted.abort();

      const closed = (state: string) => (error: unknown): boolean =>
        error instanceof AppError && error.code === 'encoder_closed' && error.message.includes(state);
      await assert.rejects(ended.push(SHORT_CLIP), closed('ended'));
      await assert.rejects(aborted.push(SHORT_CLIP), closed('aborted'));
      await assert.rejects(aborted.end(), closed('aborted'));
    });
  }

  it('clamps out-of-range and NaN samples instead of wrapping around', async () => {
    const wild = Float32Array.from([2, -3, Number.NaN, 0.5]);

    const pcm = new Int16Array((await encode(wild, 'pcm')).slice().buffer);

    assert.deepEqual([...pcm], [32_767, -32_767, 0, 16_384]);
  });

  it('serves overlapping push() calls in call order', async () => {
    const encoder = createStreamEncoder('pcm');
    const first = Float32Array.from([0.25, 0.25]);
    const second = Float32Array.from([-0.5]);

    const [a, b] = await Promise.all([encoder.push(first), encoder.push(second)]);

    assert.deepEqual([...new Int16Array(a.slice().buffer), ...new Int16Array(b.slice().buffer)], [8_192, 8_192, -16_383]);
    await encoder.end();
  });
});

describe('stream lifecycle', () => {
  it('keeps earlier opus streams working while hundreds more grow the WASM memory', async () => {
    const first = createStreamEncoder('opus');
    await first.push(SHORT_CLIP);
    // 500 encoders of 43.5 KB outgrow the module's initial 16 MiB of WASM memory.
    const others = Array.from({ length: 500 }, () => createStreamEncoder('opus'));
    try {
      for (const other of others) await other.push(SHORT_CLIP);

      assert.ok((await first.push(SHORT_CLIP)).length > 0);
      assert.ok((await first.end()).length > 0);
    } finally {
      for (const other of others) other.abort();
    }
  });

  it('releases the codec of a stream dropped without end() or abort(), so the process can exit', () => {
    const fixture = fileURLToPath(new URL('./abandoned-stream.fixture.ts', import.meta.url));

    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fixture], {
      encoding: 'utf8',
      timeout: CHILD_EXIT_LIMIT_MS,
    });

    assert.equal(child.error, undefined, 'the process did not exit: the dropped stream kept its worker thread');
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), 'dropped');
  });
});
