import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode, createStreamEncoder } from '../../../../server/audio/encoders/formats.ts';
import { STREAMING_SIZE } from '../../../../server/audio/encoders/wav.format.ts';

const CLIP = Float32Array.from({ length: 2_400 }, (_, index) => Math.sin(index / 10) / 2);

function header(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  return {
    riff: text(0), riffSize: view.getUint32(4, true), wave: text(8), fmt: text(12),
    audioFormat: view.getUint16(20, true), channels: view.getUint16(22, true), sampleRate: view.getUint32(24, true),
    byteRate: view.getUint32(28, true), blockAlign: view.getUint16(32, true), bitsPerSample: view.getUint16(34, true),
    data: text(36), dataSize: view.getUint32(40, true),
  };
}

const PCM_24K_MONO_16 = { audioFormat: 1, channels: 1, sampleRate: 24_000, byteRate: 48_000, blockAlign: 2, bitsPerSample: 16 };

describe('wav headers', () => {
  it('one-shot wav states the exact RIFF and data sizes', async () => {
    const file = await encode(CLIP, 'wav');

    assert.equal(file.length, 44 + CLIP.length * 2);
    assert.deepEqual(header(file), {
      riff: 'RIFF', riffSize: file.length - 8, wave: 'WAVE', fmt: 'fmt ', data: 'data', dataSize: CLIP.length * 2,
      ...PCM_24K_MONO_16,
    });
  });

  it('streamed wav sends its header first with unknown (0xFFFFFFFF) sizes', async () => {
    const encoder = createStreamEncoder('wav');
    const first = await encoder.push(CLIP.subarray(0, 100));
    const second = await encoder.push(CLIP.subarray(100));
    const tail = await encoder.end();

    assert.deepEqual(header(first), {
      riff: 'RIFF', riffSize: STREAMING_SIZE, wave: 'WAVE', fmt: 'fmt ', data: 'data', dataSize: STREAMING_SIZE,
      ...PCM_24K_MONO_16,
    });
    assert.equal(first.length, 44 + 200);
    assert.equal(second.length, (CLIP.length - 100) * 2);
    assert.equal(tail.length, 0);
  });
});
