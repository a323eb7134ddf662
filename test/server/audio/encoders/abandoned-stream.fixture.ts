/**
 * Child process for the abandoned-stream test (run with --expose-gc): drops an AAC stream
 * mid-way without end() or abort(), then collects garbage. The codec's worker thread keeps the
 * process alive unless the encoder releases it, so a clean exit is the evidence.
 */
import { createStreamEncoder } from '../../../../server/audio/encoders/formats.ts';

const collect = (globalThis as { gc?: () => void }).gc;

async function dropStream(): Promise<void> {
  const encoder = createStreamEncoder('aac');
  await encoder.push(new Float32Array(24_000).fill(0.1));
}

async function main(): Promise<void> {
  if (collect === undefined) throw new Error('run with --expose-gc');
  await dropStream();
  // Lets the push's promises settle so that nothing but the worker refers to the stream.
  await new Promise((resolve) => setTimeout(resolve, 50));
  collect();
  console.log('dropped');
}

void main();
