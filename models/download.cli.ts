/**
 * Downloads the real model ahead of time.
 * Usage: npm run models:download -- [--variant q4|q4f16|fp16|fp32] [--dir <cache folder>]
 * The cache folder defaults to models/cache (the service's default CHATTERBOX_MODEL_CACHE_DIR).
 * HF_ENDPOINT, HF_TOKEN and CHATTERBOX_MODEL_BASE_URL (a mirror) are honoured as by the service.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { MODEL_VARIANTS, type ModelVariant } from './contract.ts';
import { resolveModel } from './resolve.ts';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'q4' },
    dir: { type: 'string', default: fileURLToPath(new URL('./cache', import.meta.url)) },
  },
});
const variant = values.variant as ModelVariant;
if (!MODEL_VARIANTS.includes(variant)) {
  console.error(`--variant must be one of ${MODEL_VARIANTS.join(', ')}`);
  process.exit(2);
}

const MEGABYTE = 1024 * 1024;
const bar = new cliProgress.SingleBar(
  { format: '{bar} {percentage}% | {value}/{total} MB | {file}', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
let started = false;
try {
  const model = await resolveModel({
    model: variant,
    cacheDir: values.dir,
    allowDownload: true,
    source: { baseUrl: process.env.HF_ENDPOINT || undefined, token: process.env.HF_TOKEN || undefined, mirrorUrl: process.env.CHATTERBOX_MODEL_BASE_URL || undefined },
    onProgress: ({ file, bytes, totalBytes }) => {
      if (!started) bar.start(Math.round(totalBytes / MEGABYTE), 0, { file });
      started = true;
      bar.update(Math.round(bytes / MEGABYTE), { file });
    },
  });
  if (started) bar.stop();
  console.log(`model ${model.variant} ready in ${model.dir}`);
} catch (error) {
  if (started) bar.stop();
  console.error((error as Error).message);
  process.exit(1);
}
