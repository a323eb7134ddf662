/**
 * Writes the tiny stand-in model into a folder.
 * Usage: npm run tiny -w models -- [--slow] <folder>
 */
import { resolve } from 'node:path';
import { generateTinyModel } from './generate.ts';

const args = process.argv.slice(2);
const slow = args.includes('--slow');
const target = args.find((a) => !a.startsWith('--'));
if (!target) {
  console.error('usage: npm run models:tiny -- [--slow] <folder>');
  process.exit(2);
}
const started = performance.now();
await generateTinyModel(resolve(target), slow ? 'tiny-slow' : 'tiny');
console.log(`wrote ${slow ? 'tiny-slow' : 'tiny'} model to ${resolve(target)} in ${Math.round(performance.now() - started)} ms`);
