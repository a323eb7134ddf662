// Piscina's entry for the conversion threads. Worker threads inherit `--import tsx`, but on
// Node 20 its ESM hooks do not reach them (see workers/worker-pool.ts), and the encoders
// import their codecs with import() on first use: so this plain module registers tsx first.
import { register } from 'tsx/esm/api';

register();
const { default: convert } = await import('./convert.worker.ts');
export default convert;
