/**
 * npm run models:verify [-- --model <name|path>] [--cache-dir <dir>] [--languages en,zh] [--no-hashes] [--brief]
 * Checks a model before first use and prints a report; exits 1 when any check fails.
 * --model defaults to CHATTERBOX_MODEL (else q4), --cache-dir to CHATTERBOX_MODEL_CACHE_DIR
 * (else models/cache). Nothing is downloaded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MODEL_VARIANTS, type ModelVariant } from '../../../models/contract.ts';
import { ModelFilesMissingError } from '../../../models/model-files-error.ts';
import { resolveModel } from '../../../models/resolve.ts';
import { isLanguageCode, type LanguageCode } from '../../shared/languages.ts';
import { verifyModel } from './model-check.ts';
import { formatReport, hasFailures } from './report.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: process.env.CHATTERBOX_MODEL || 'q4' },
    'cache-dir': { type: 'string', default: process.env.CHATTERBOX_MODEL_CACHE_DIR || fileURLToPath(new URL('../../../models/cache', import.meta.url)) },
    languages: { type: 'string' },
    'no-hashes': { type: 'boolean', default: false },
    brief: { type: 'boolean', default: false },
  },
});

const languages = values.languages?.split(',').map((code) => code.trim());
if (languages && !languages.every(isLanguageCode)) {
  console.error(`--languages takes codes from: ar da de el en es fi fr he hi it ja ko ms nl no pl pt ru sv sw tr zh`);
  process.exit(2);
}

const model = values.model.includes('/') && !isAbsolute(values.model) ? resolve(values.model) : values.model;
const { dir, variant } = await locate(model, resolve(values['cache-dir']));
const workDir = await mkdtemp(`${tmpdir()}/models-verify-`);
try {
  const checks = await verifyModel({ dir, variant, hashes: !values['no-hashes'], brief: values.brief, languages: languages as LanguageCode[] | undefined, workDir });
  console.log(formatReport(`models:verify ${model} (${variant}) in ${dir}`, checks));
  process.exitCode = hasFailures(checks) ? 1 : 0;
} finally {
  await rm(workDir, { recursive: true, force: true });
}

/** The folder and variant to check; a real preset with files missing is still checked (the report names them). */
async function locate(name: string, cacheDir: string): Promise<{ dir: string; variant: ModelVariant }> {
  try {
    return await resolveModel({ model: name, cacheDir });
  } catch (error) {
    if (error instanceof ModelFilesMissingError && (MODEL_VARIANTS as readonly string[]).includes(name)) return { dir: error.dir, variant: name as ModelVariant };
    console.error(`FAIL  model  ${(error as Error).message}`);
    process.exit(1);
  }
}
