// Entry of the synthesis threads. Worker threads inherit `--import tsx`, but on Node 20 its
// ESM hooks do not cover a worker's entry module nor the import()s after it, so this plain
// module registers tsx before loading the TypeScript worker. (Same for the conversion
// threads: audio/conversion/convert.worker.mjs.)
import { register } from 'tsx/esm/api';

register();
await import('./synth.worker.ts');
