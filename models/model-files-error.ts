/**
 * Raised when a model folder lacks files and downloading is off or impossible. Its message
 * says which files are missing and how to place them by hand.
 */
import { sourceUrl, type DownloadSource, type ManifestFile } from './manifest.ts';

export class ModelFilesMissingError extends Error {
  readonly code = 'model_files_missing';

  constructor(
    readonly dir: string,
    readonly missing: readonly ManifestFile[],
    reason: string,
    source: DownloadSource = {},
  ) {
    super(
      [
        `${reason} The model folder ${dir} lacks ${missing.length} file(s):`,
        ...missing.map((f) => `  ${f.path} (${f.bytes} bytes${f.sha256 ? `, sha256 ${f.sha256}` : ''}) <- ${sourceUrl(f.path, source)}`),
        `Download them on a machine with internet access (or run \`npm run models:download -- --variant <variant>\` there)`,
        `and copy each to ${dir}/<path> as listed, keeping the file names: each .onnx finds its .onnx_data next to it.`,
      ].join('\n'),
    );
    this.name = 'ModelFilesMissingError';
  }
}
