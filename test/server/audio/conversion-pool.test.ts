/**
 * Converting a finished job to another format happens on a worker thread (Piscina), so a long
 * conversion never holds up the HTTP event loop: same bytes as converting in-process, the
 * source memory moved to the thread, and a bad source rejected without breaking the pool.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ConversionPool } from '../../../server/audio/conversion/conversion-pool.ts';
import { convertAudio } from '../../../server/audio/conversion/convert-audio.ts';
import { encode } from '../../../server/audio/encoders/formats.ts';
import { SAMPLE_RATE_HZ } from '../../../server/shared/audio-constants.ts';
import { speechLikeSignal as tone } from './encoders/test-signals.ts';

describe('conversion pool', () => {
  const pool = new ConversionPool({ threads: 1, idleTimeoutMs: 1000 });
  after(() => pool.close());

  it('produces the same file as converting in-process', async () => {
    const wav = await encode(tone(2), 'wav');
    const expected = await convertAudio({ source: wav.slice(), from: 'wav', to: 'flac' });
    const converted = await pool.convert({ source: wav.slice(), from: 'wav', to: 'flac' });
    assert.ok(converted instanceof Uint8Array);
    assert.deepEqual(converted, expected);
  });

  it('moves the source memory to the conversion thread instead of copying it', async () => {
    const source = (await encode(tone(1), 'wav')).slice();
    const converted = await pool.convert({ source, from: 'wav', to: 'pcm' });
    assert.equal(source.byteLength, 0, 'the source buffer is detached: it went to another thread');
    assert.equal(converted.byteLength, SAMPLE_RATE_HZ * 2);
  });

  it('leaves a view into a shared buffer in place', async () => {
    const wav = await encode(tone(1), 'wav');
    const shared = new Uint8Array(wav.byteLength + 16);
    shared.set(wav, 16);
    const view = shared.subarray(16);
    await pool.convert({ source: view, from: 'wav', to: 'pcm' });
    assert.equal(shared.byteLength, wav.byteLength + 16);
  });

  it('rejects a source that does not decode, and keeps converting afterwards', async () => {
    await assert.rejects(pool.convert({ source: new TextEncoder().encode('not audio at all'), from: 'mp3', to: 'wav' }));
    const wav = await encode(tone(0.5), 'wav');
    const converted = await pool.convert({ source: wav.slice(), from: 'wav', to: 'pcm' });
    assert.equal(converted.byteLength, SAMPLE_RATE_HZ);
  });
});
