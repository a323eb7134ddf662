// Piscina's entry for the conversion threads: like workers/synth.worker.mjs, a plain module
// that registers tsx, which Node 20 does not do for worker threads (the encoders import their
// codecs with import() on first use).
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./convert.worker.ts');
export default tasks.default;
export const probe = tasks.probe;
